-- +goose Up
-- The deadline policies' legal basis in Chinese as well (domain/deadline, sourceZh and basisZh): the
-- admin page showed the English text of the policy documents on Chinese pages. The built-in
-- editions carry both now; the editions admins published before are copies of them, so a clock
-- whose basis is a built-in English text gets that text's Chinese beside it, and the document's
-- source likewise. Only the translation is added: no day, unit, stage or English word changes, so
-- the append-only guard is lifted for this statement alone.
ALTER TABLE deadline_policies DISABLE TRIGGER deadline_policies_append_only;
CREATE TEMP TABLE redline_policy_zh (en text PRIMARY KEY, zh text NOT NULL) ON COMMIT DROP;
INSERT INTO redline_policy_zh VALUES
    ('消费者权益保护法 art. 46: an authority decides within 7 working days of receiving a consumer complaint whether to accept it, and tells the consumer.',
     '《消费者权益保护法》第四十六条：有关行政部门自收到消费者投诉之日起7个工作日内决定是否受理，并告知消费者。'),
    ('银行保险机构消费投诉处理管理办法: a decision within 15 days of receipt; 30 days for a complex case; a further 30 with senior approval and notice to the complainant (the platform, role system, grants the first extension on the institution''s request); time spent on outside appraisal, testing or assessment does not count. 民法典 art. 203: a period whose last day is a holiday ends on the first day after it.',
     '《银行保险机构消费投诉处理管理办法》：自收到投诉之日起15日内作出处理决定；情况复杂的可延长至30日；经上级批准并告知投诉人，可再延长30日（机构申请的首次延期由平台以系统角色批准）；外部鉴定、检测、评估的时间不计入。《民法典》第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。'),
    ('Platform policy: the complainant accepts or disputes the institution''s answer within 60 days (the CFPB''s window).',
     '平台规定：投诉人在机构答复后60日内接受或对答复提出异议（参照美国消费者金融保护局的期限）。'),
    ('Platform policy: a closed complaint may be reopened on new facts within 90 days of closing.',
     '平台规定：投诉办结后90日内，可凭新的事实申请重新处理。'),
    ('Platform policy, the same 7 business days as in CN; the CFPB publishes no acceptance period.',
     '平台规定：与中国相同的7个工作日；美国消费者金融保护局未规定受理期限。'),
    ('CFPB: the company responds within 15 calendar days, or marks the complaint in progress and gives a final response within 60.',
     '美国消费者金融保护局：机构在15个自然日内答复，或将投诉标为“处理中”并在60日内作出最终答复。'),
    ('CFPB: the consumer may give feedback on the company''s response within 60 days.',
     '美国消费者金融保护局：消费者可在60日内对机构的答复提出反馈。'),
    ('消费者权益保护法 art. 46; 银行保险机构消费投诉处理管理办法 (CBIRC order 2020 No. 3); 民法典 arts. 201 and 203 for counting periods; platform policy for the feedback and reopen windows (modelled on the CFPB''s 60-day feedback window).',
     '《消费者权益保护法》第四十六条；《银行保险机构消费投诉处理管理办法》（原银保监会令2020年第3号）；期间的计算依《民法典》第二百零一条、第二百零三条；评价期与重新处理期为平台规定（参照美国消费者金融保护局60日的评价期）。'),
    ('CFPB company-response practice (15 days, or ''in progress'' and a final answer within 60; 60-day consumer feedback window); platform policy for acceptance and reopening.',
     '美国消费者金融保护局（CFPB）对机构答复的做法（15日内答复，或标为“处理中”并在60日内作出最终答复；消费者60日内反馈）；受理期与重新处理期为平台规定。');
UPDATE deadline_policies p SET document = jsonb_set(p.document, '{clocks,ACCEPTANCE,basisZh}', to_jsonb(t.zh))
    FROM redline_policy_zh t WHERE p.document #>> '{clocks,ACCEPTANCE,basis}' = t.en AND NOT p.document #> '{clocks,ACCEPTANCE}' ? 'basisZh';
UPDATE deadline_policies p SET document = jsonb_set(p.document, '{clocks,INSTITUTION_RESPONSE,basisZh}', to_jsonb(t.zh))
    FROM redline_policy_zh t WHERE p.document #>> '{clocks,INSTITUTION_RESPONSE,basis}' = t.en AND NOT p.document #> '{clocks,INSTITUTION_RESPONSE}' ? 'basisZh';
UPDATE deadline_policies p SET document = jsonb_set(p.document, '{clocks,FEEDBACK,basisZh}', to_jsonb(t.zh))
    FROM redline_policy_zh t WHERE p.document #>> '{clocks,FEEDBACK,basis}' = t.en AND NOT p.document #> '{clocks,FEEDBACK}' ? 'basisZh';
UPDATE deadline_policies p SET document = jsonb_set(p.document, '{clocks,REOPEN,basisZh}', to_jsonb(t.zh))
    FROM redline_policy_zh t WHERE p.document #>> '{clocks,REOPEN,basis}' = t.en AND NOT p.document #> '{clocks,REOPEN}' ? 'basisZh';
UPDATE deadline_policies p SET document = jsonb_set(p.document, '{sourceZh}', to_jsonb(t.zh))
    FROM redline_policy_zh t WHERE p.document ->> 'source' = t.en AND NOT p.document ? 'sourceZh';
ALTER TABLE deadline_policies ENABLE TRIGGER deadline_policies_append_only;

-- +goose Down
-- The binary before this migration refuses documents with fields it does not know: every stored
-- edition loses its Chinese source and bases.
ALTER TABLE deadline_policies DISABLE TRIGGER deadline_policies_append_only;
UPDATE deadline_policies SET document = document - 'sourceZh' #- '{clocks,ACCEPTANCE,basisZh}' #- '{clocks,INSTITUTION_RESPONSE,basisZh}' #- '{clocks,FEEDBACK,basisZh}' #- '{clocks,REOPEN,basisZh}';
ALTER TABLE deadline_policies ENABLE TRIGGER deadline_policies_append_only;
