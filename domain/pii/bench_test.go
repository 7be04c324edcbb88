package pii_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain/pii"
)

func BenchmarkEncrypt(b *testing.B) {
	kr := mustRing(b, "k1:"+key('a'))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kr.Encrypt(field, "110101199003071234"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecrypt(b *testing.B) {
	kr := mustRing(b, "k1:"+key('a'))
	ct, _ := kr.Encrypt(field, "110101199003071234")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kr.Decrypt(field, ct); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	kr := mustRing(b, "k1:"+key('a'))
	b.ReportAllocs()
	for b.Loop() {
		kr.Hash(pii.KindPhone, "+86 138-0013-8000")
	}
}

func BenchmarkMask(b *testing.B) {
	for _, bc := range []struct {
		kind pii.Kind
		in   string
	}{
		{pii.KindNationalID, "11010119900307123X"},
		{pii.KindPhone, "13812345678"},
		{pii.KindName, "欧阳娜娜"},
		{pii.KindAddress, "广东省深圳市南山区科技园南区1栋"},
	} {
		b.Run(string(bc.kind), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pii.Mask(bc.kind, bc.in)
			}
		})
	}
}
