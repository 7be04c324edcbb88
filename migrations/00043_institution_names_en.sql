-- +goose Up
-- An institution's name in both languages the portal speaks: name is the legal (Chinese) name,
-- name_en the English one the portal shows in English ('' shows name). Admins edit it with
-- createInstitution / updateInstitution; the demo institutions get theirs here (a database seeded
-- before this migration) and from app/seed.go.
ALTER TABLE institutions ADD COLUMN name_en text NOT NULL DEFAULT '' CHECK (char_length(name_en) <= 200);
UPDATE institutions i SET name_en = v.en FROM (VALUES
    ('招商银行信用卡中心', 'China Merchants Bank Credit Card Center'),
    ('广发银行信用卡中心', 'China Guangfa Bank Credit Card Center'),
    ('浦发银行信用卡中心', 'SPD Bank Credit Card Center'),
    ('中国工商银行牡丹卡中心', 'ICBC Peony Card Center'),
    ('马上消费金融股份有限公司', 'Mashang Consumer Finance Co., Ltd.'),
    ('招联消费金融股份有限公司', 'Merchants Union Consumer Finance Co., Ltd.'),
    ('中银消费金融有限公司', 'Bank of China Consumer Finance Co., Ltd.'),
    ('捷信消费金融有限公司', 'Home Credit Consumer Finance Co., Ltd.'),
    ('重庆度小满小额贷款有限公司', 'Chongqing Du Xiaoman Microcredit Co., Ltd.'),
    ('分期乐（乐信）', 'Fenqile (LexinFintech)'),
    ('360借条（奇富科技）', '360 Jietiao (Qifu Technology)'),
    ('拍拍贷（信也科技）', 'PPDai (FinVolution Group)'),
    ('恒通商务咨询有限公司（示例）', 'Hengtong Business Consulting Co., Ltd. (example)'),
    ('鼎信资产管理有限公司（示例）', 'Dingxin Asset Management Co., Ltd. (example)'),
    ('速达信息服务有限公司（示例）', 'Suda Information Services Co., Ltd. (example)'),
    ('安和法务咨询有限公司（示例）', 'Anhe Legal Consulting Co., Ltd. (example)')
) AS v(zh, en) WHERE i.name = v.zh AND i.name_en = '';

-- +goose Down
ALTER TABLE institutions DROP COLUMN name_en;
