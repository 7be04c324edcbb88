package pii_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain/pii"
)

func TestScrub(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want string
	}{
		// Chinese ID numbers.
		{"ID18", "我的身份证110101199003071234被他们拿去了", "我的身份证XXXX被他们拿去了"},
		{"ID18X", "债务人证件：11010119900307123X。", "债务人证件：XXXX。"},
		{"ID18Spaced", "号码 110101 19900307 123X 是我的", "号码 XXXX 是我的"},
		{"ID15", "老身份证110101900307123还在用", "老身份证XXXX还在用"},
		{"IDLabelled", "身份证号：110101199003071234", "身份证号：XXXX"},
		{"IDFullWidth", "身份证１１０１０１１９９００３０７１２３４", "身份证XXXX"},
		// Phones.
		{"MobileCN", "催收员用13812345678给我打电话", "催收员用XXXX给我打电话"},
		{"MobileCNSpaced", "电话 138 1234 5678 每天打", "电话 XXXX 每天打"},
		{"MobileCNCountryCode", "号码+86-138-1234-5678打来", "号码XXXX打来"},
		{"MobileInsideLongerNumber", "流水号2013812345678999", "流水号XXXX"},
		{"MobileSpeltInChinese", "他的手机是一三八一二三四五六七八，天天打", "他的手机是XXXX，天天打"},
		{"MobileSpeltYao", "号码幺三八 幺二三四 五六七八打来", "号码XXXX打来"},
		{"MobileSpeltMixed", "用138一二三四5678发短信", "用XXXX发短信"},
		{"MobileSpeltFinancial", "电话：壹叁捌壹贰叁肆伍陆柒捌", "电话：XXXX"},
		{"IDSpeltInChinese", "证件一一〇一〇一一九九〇〇三〇七一二三X被拍照", "证件XXXX被拍照"},
		{"LandlineCN", "打到我单位0755-12345678", "打到我单位XXXX"},
		{"PhoneUS", "They called me at (555) 123-4567 every night.", "They called me at XXXX every night."},
		{"PhoneUSDashes", "call back 555-123-4567 now", "call back XXXX now"},
		{"PhoneUSCountryCode", "from +1 555 123 4567.", "from XXXX."},
		{"SSN", "my SSN 123-45-6789 was on the letter", "my SSN XXXX was on the letter"},
		// E-mail.
		{"Email", "发邮件到 zhang.san99@example.com 威胁我", "发邮件到 XXXX 威胁我"},
		{"EmailEN", "emailed jane_doe+bills@mail.co.uk twice", "emailed XXXX twice"},
		// Contract and account numbers.
		{"ContractLabelled", "借款合同编号：HT-2023-0001，金额12800元", "借款合同编号：XXXX，金额12800元"},
		{"ContractBare", "合同HT20230001234的欠款", "合同XXXX的欠款"},
		{"BankCard", "卡号6222021234567890123还款", "卡号XXXX还款"},
		{"AccountEN", "my account number is 4417123456789113 and", "my account number is XXXX and"},
		{"AccountEndingIn", "the card number ending in 1234 was charged", "the card number ending in XXXX was charged"},
		{"AccountAlnum", "loan LN-8812-AB77 was sold", "loan XXXX was sold"},
		// Addresses.
		{"AddressCN", "他们说要去我家广东省深圳市南山区科技路10号泼油漆", "他们说要去我家XXXX泼油漆"},
		{"AddressCNLead", "我住在北京市朝阳区建国路88号", "我住在XXXX"},
		{"AddressCNRoom", "到上海市浦东新区世纪大道100号3栋2单元501室堵门", "到XXXX堵门"},
		{"AddressCNEstate", "在阳光小区5栋1单元302室门口贴了大字报", "在XXXX门口贴了大字报"},
		{"AddressUS", "a man came to 1234 N Main Street, Apt 5 at night", "a man came to XXXX at night"},
		{"AddressUSShort", "they sent letters to 42 Elm Ave.", "they sent letters to XXXX"},
		// Names.
		{"NameWoJiao", "我叫张三，是借款人的母亲", "我叫XXXX，是借款人的母亲"},
		{"NameLabelled", "姓名：王小明 电话打爆", "姓名：XXXX 电话打爆"},
		{"NameDebtor", "债务人李四欠款", "债务人XXXX欠款"},
		{"NameHonorific", "自称是律师的刘先生说", "自称是律师的XXXX先生说"},
		{"NameMr", "Mr. Smith said he would come to my job.", "Mr. XXXX said he would come to my job."},
		{"NameMsFull", "Ms. Jane Doe from the agency", "Ms. XXXX from the agency"},
		{"NameMyNameIs", "Hello, my name is John Smith and I owe nothing.", "Hello, my name is XXXX and I owe nothing."},
		// What must survive.
		{"KeepAmounts", "欠款12800.50元，逾期90天，每天打20多个电话", "欠款12800.50元，逾期90天，每天打20多个电话"},
		{"KeepDates", "2024-03-15 22:30 收到短信，20240316又打", "2024-03-15 22:30 收到短信，20240316又打"},
		{"KeepCFPBRedaction", "On XX/XX/2019 they called about a XXXX debt", "On XX/XX/2019 they called about a XXXX debt"},
		{"KeepPlatformNumber", "短信来自10690000", "短信来自10690000"},
		{"KeepWords", "They did not threaten me, COVID-19 made me lose my job.", "They did not threaten me, COVID-19 made me lose my job."},
		{"KeepThisSir", "这位先生每天打电话", "这位先生每天打电话"},
		{"KeepDebtorPronoun", "债务人是我儿子", "债务人是我儿子"},
		{"KeepChineseNumbersInWords", "一五一十地说了，三三两两来了七八个人，二〇二四年三月十五日", "一五一十地说了，三三两两来了七八个人，二〇二四年三月十五日"},
		{"KeepProvince", "广东省的催收公司", "广东省的催收公司"},
		{"Empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pii.Scrub(tc.in); got != tc.want {
				t.Errorf("Scrub(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestScrubIsIdempotent checks that scrubbing scrubbed text changes nothing, so the public dataset
// can be rebuilt from already-published rows.
func TestScrubIsIdempotent(t *testing.T) {
	in := "我叫张三，身份证110101199003071234，手机13812345678，住北京市朝阳区建国路88号，合同HT20230001234。My name is John Smith, call (555) 123-4567."
	once := pii.Scrub(in)
	for _, secret := range []string{"张三", "110101199003071234", "13812345678", "建国路88号", "HT20230001234", "John", "123-4567"} {
		if strings.Contains(once, secret) {
			t.Errorf("scrubbed text still holds %q: %s", secret, once)
		}
	}
	if twice := pii.Scrub(once); twice != once {
		t.Errorf("second scrub changed the text:\n%s\n%s", once, twice)
	}
}

// BenchmarkScrub scrubs a 200-character narrative holding a name, an ID number, a mobile number, an
// address and a contract number.
func BenchmarkScrub(b *testing.B) {
	text := "我叫张三，身份证110101199003071234，手机13812345678。催收员每天打二十多个电话，说要去我家北京市朝阳区建国路88号泼油漆，" +
		"还打给我单位领导和父母。合同HT20230001234，欠款12800.50元，逾期90天。They called (555) 123-4567 at 2 a.m."
	b.ReportAllocs()
	for b.Loop() {
		pii.Scrub(text)
	}
}
