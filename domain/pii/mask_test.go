package pii_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain/pii"
)

func TestMask(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind pii.Kind
		in   string
		want string
	}{
		{"ID18", pii.KindNationalID, "11010119900307123X", "110***********123X"},
		{"ID18LowerX", pii.KindNationalID, "11010119900307123x", "110***********123X"},
		{"ID15", pii.KindNationalID, "110101900307123", "110********7123"},
		{"IDSpaced", pii.KindNationalID, "110101 19900307 1234", "110***********1234"},
		{"IDFullWidth", pii.KindNationalID, "１１０１０１１９９００３０７１２３４", "110***********1234"},
		{"IDShort", pii.KindNationalID, "1234567", "*******"},
		{"IDEmpty", pii.KindNationalID, "", ""},
		{"Mobile", pii.KindPhone, "13812345678", "138****5678"},
		{"MobileCountryCode", pii.KindPhone, "+86 138-1234-5678", "138****5678"},
		{"Landline", pii.KindPhone, "010-12345678", "010****5678"},
		{"LocalNumber", pii.KindPhone, "12345678", "****5678"},
		{"PhoneShort", pii.KindPhone, "12321", "*****"},
		{"PhoneEmpty", pii.KindPhone, "", ""},
		{"NameTwo", pii.KindName, "王五", "王*"},
		{"NameThree", pii.KindName, "张小明", "张**"},
		{"NameCompound", pii.KindName, "欧阳娜娜", "欧阳**"},
		{"NameCompoundThree", pii.KindName, "司马光", "司马*"},
		{"NameCompoundAlone", pii.KindName, "欧阳", "欧*"},
		{"NameOne", pii.KindName, "王", "*"},
		{"NameEnglish", pii.KindName, "John Smith", "J***"},
		{"NameEnglishShort", pii.KindName, "Al", "A***"},
		{"NameAccented", pii.KindName, "Élodie Durand", "É***"},
		{"NameSpaces", pii.KindName, "  李四  ", "李*"},
		{"NameEmpty", pii.KindName, "", ""},
		{"Contract", pii.KindContract, "HT2023000123456", "***********3456"},
		{"ContractChinese", pii.KindContract, "借款合同第20230001号", "**********001号"},
		{"ContractShort", pii.KindContract, "1234", "**34"},
		{"ContractOne", pii.KindContract, "7", "*"},
		{"AddressProvinceCity", pii.KindAddress, "广东省深圳市南山区科技园南区1栋", "广东省深圳市****"},
		{"AddressMunicipality", pii.KindAddress, "上海市浦东新区张江路88号", "上海市****"},
		{"AddressCityOnly", pii.KindAddress, "深圳市南山区蛇口菜市场旁", "深圳市****"},
		{"AddressRegion", pii.KindAddress, "广西壮族自治区南宁市青秀区民族大道", "广西壮族自治区南宁市****"},
		{"AddressPrefecture", pii.KindAddress, "湖北省恩施土家族苗族自治州恩施市舞阳大街", "湖北省恩施土家族苗族自治州****"},
		{"AddressSAR", pii.KindAddress, "香港特别行政区九龙弥敦道", "香港特别行政区****"},
		{"AddressSuzhou", pii.KindAddress, "江苏省苏州市工业园区", "江苏省苏州市****"},
		{"AddressProvinceOnly", pii.KindAddress, "浙江省", "浙江省"},
		{"AddressNoPrefix", pii.KindAddress, "张江路88号3楼", "****"},
		{"AddressEnglish", pii.KindAddress, "123 Main St, Springfield, IL 62704", "****, Springfield, IL 62704"},
		{"AddressEnglishShort", pii.KindAddress, "123 Main St", "****"},
		{"AddressEmpty", pii.KindAddress, "", ""},
		{"Email", pii.KindEmail, "zhang.san@example.cn", "z***@example.cn"},
		{"EmailBroken", pii.KindEmail, "nobody", "***"},
		{"UnknownKind", pii.Kind("other"), "秘密", "**"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pii.Mask(tc.kind, tc.in); got != tc.want {
				t.Errorf("Mask(%s, %q) = %q, want %q", tc.kind, tc.in, got, tc.want)
			}
		})
	}
}
