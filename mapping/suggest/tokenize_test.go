package suggest

import (
	"reflect"
	"strings"
	"testing"
)

func concepts(name string) string {
	var out []string
	for _, w := range fold(rawWords(name, lex.dict)) {
		out = append(out, w.concept)
	}
	return strings.Join(out, "|")
}

func TestSplitName(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"MailingPostalCode", []string{"mailing", "postal", "code"}},
		{"mailing_postal_code", []string{"mailing", "postal", "code"}},
		{"HTTPServer2", []string{"http", "server", "2"}},
		{"address.line1", []string{"address", "line", "1"}},
		{"Contact: First Name", []string{"contact", "first", "name"}},
		{"__c", []string{"c"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitName(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mobilephone", "mobile phone"},
		{"mailingpostalcode", "mailing postalcode"}, // folded to "mailing zip" later
		{"associatedcompanyid", "associated company id"},
		{"createdate", "create date"},
		{"notes", "notes"},                // short: never cut
		{"zzqxwv", "zzqxwv"},              // unknown: kept whole
		{"xyzzycompany", "xyzzy company"}, // unknown run kept whole beside a word
		{"qwrtzplkj", "qwrtzplkj"},
	}
	for _, tt := range tests {
		if got := strings.Join(segment(tt.in, lex.dict), " "); got != tt.want {
			t.Errorf("segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldConcepts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"zip", "zip"},
		{"MailingPostalCode", "mailing|zip"},
		{"post_code", "zip"},
		{"cust_addr", "customer|address"},
		{"TelephoneNumber", "phone"},
		{"e_mail", "email"},
		{"organization_id", "company|identifier"},
		{"qty", "quantity"},
		{"fname", "first|name"},
		{"address_line_2", "street2"},
		{"jobtitle", "job title"},
	}
	for _, tt := range tests {
		if got := concepts(tt.in); got != tt.want {
			t.Errorf("concepts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	pairs := [][2]string{{"created", "create"}, {"phones", "phone"}, {"cities", "city"}, {"addresses", "address"}, {"updated", "update"}}
	for _, p := range pairs {
		if stem(p[0]) != stem(p[1]) {
			t.Errorf("stem(%q)=%q != stem(%q)=%q", p[0], stem(p[0]), p[1], stem(p[1]))
		}
	}
	if stem("status") == stem("state") {
		t.Error("status and state must not share a stem")
	}
}

func TestDateLayout(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-03-07", "ISO"}, {"2024-03-07T10:00:00Z", "ISO"}, {"03/07/2024", "MM/DD/YYYY"},
		{"3/7/2024", "MM/DD/YYYY"}, {"25/12/2024", "DD/MM/YYYY"}, {"07.03.2024", "DD.MM.YYYY"},
		{"20240307", "YYYYMMDD"}, {"12345678", ""}, {"hello world", ""},
	}
	for _, tt := range tests {
		if got := dateLayout(tt.in); got != tt.want {
			t.Errorf("dateLayout(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
