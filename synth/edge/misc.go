package edge

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"

	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/transform"
	"github.com/seamhq/seam/mapping/value"
)

//go:embed blns.json
var blnsJSON []byte

var naughty = sync.OnceValue(func() []value.Value {
	var ss []string
	if err := json.Unmarshal(blnsJSON, &ss); err != nil {
		panic("edge: embedded blns.json: " + err.Error()) // a build defect, caught by the tests
	}
	out := make([]value.Value, 0, len(ss))
	for _, s := range ss {
		if s != "" { // the empty string is presence.empty
			out = append(out, value.Str(s))
		}
	}
	return out
})

// naughtyValues returns the Big List of Naughty Strings, without "".
func naughtyValues() []value.Value { return naughty() }

// Naughty returns the Big List of Naughty Strings (MIT, Max Woolf), in
// file order, without the empty string.
func Naughty() []string {
	vs := naughty()
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.S
	}
	return out
}

func boolCases(f *schema.Field) []Case {
	return []Case{
		mk("bool.yes_no", Edge, "yes/no and Y/N spellings", value.Str("yes"), value.Str("N"), value.Str("Y"), value.Str("no")),
		mk("bool.numeric", Edge, "1/0 for true/false", value.Str("1"), value.Str("0")),
		mk("bool.postgres_tf", Edge, "Postgres text output t/f", value.Str("t"), value.Str("f")),
		mk("bool.uppercase", Edge, "TRUE/False spellings", value.Str("TRUE"), value.Str("False")),
		mk("bool.on_off", Edge, "on/off checkbox values", value.Str("on"), value.Str("off")),
	}
}

// spellingCases are the values a field's own spelling refuses although
// the default one reads them: a number in "." notation where the field
// writes a decimal comma ("number:,." reads 1234.50 as nothing, a
// careless parser as 123450), English words where it writes "ja"/"nein".
func spellingCases(f *schema.Field) []Case {
	sp, ok := transform.ParseSpelling(f.Format)
	if !ok {
		return nil
	}
	switch {
	case (f.Type == schema.Integer || f.Type == schema.Decimal || f.Type == schema.Float) && !sp.Number.Default():
		return []Case{mk("number.default_spelling", Edge, "the default 1234.50 / 1,234.50 in a field written with its own separators ("+f.Format+")",
			value.Str("1234.50"), value.Str("1,234.50"))}
	case f.Type == schema.Boolean && sp.Bool.True != "":
		return []Case{mk("bool.default_words", Edge, "true/false and yes/no in a field written "+sp.Bool.True+"/"+sp.Bool.False,
			value.Str("true"), value.Str("false"), value.Str("yes"), value.Str("no"))}
	}
	return nil
}

const nilUUID = "00000000-0000-0000-0000-000000000000"
const sampleUUID = "6f1c2a4e-3b5d-4e8f-9a7b-1c2d3e4f5a6b"

func uuidCases(f *schema.Field) []Case {
	return uuidTextCases(f)
}

func uuidTextCases(f *schema.Field) []Case {
	return []Case{
		mk("uuid.uppercase", Rare, "upper-case UUID: string equality fails", value.Str(strings.ToUpper(sampleUUID))),
		mk("uuid.nil", Edge, "the nil UUID, used as \"missing\"", value.Str(nilUUID)),
		mk("uuid.braces", Edge, "Microsoft-style braces", value.Str("{"+sampleUUID+"}")),
		mk("uuid.no_hyphens", Edge, "32 hex digits without hyphens", value.Str(strings.ReplaceAll(sampleUUID, "-", ""))),
		mk("uuid.urn", Edge, "urn:uuid: prefix", value.Str("urn:uuid:"+sampleUUID)),
		mk("uuid.v7", Rare, "a time-ordered version 7 UUID: validators that accept only v4 reject it", value.Str("01890a5d-ac96-774b-bcce-b302099a8057")),
		mk("uuid.bad_variant", Edge, "version and variant bits that no RFC 4122 UUID has", value.Str("6f1c2a4e-3b5d-fe8f-da7b-1c2d3e4f5a6b")),
	}
}

func enumCases(f *schema.Field) []Case {
	members := map[string]bool{}
	for _, e := range f.EnumValues {
		members[e] = true
	}
	var out []Case
	for _, u := range []string{"UNKNOWN", "X", "other", "zz_new_member"} {
		if !members[u] {
			out = append(out, mk("enum.unknown_member", Edge, "a value outside the enum: rejected or lands in \"Other\"", value.Str(u)))
			break
		}
	}
	var variants []value.Value
	for _, e := range f.EnumValues {
		for _, v := range []string{strings.ToUpper(e), strings.ToLower(e), strings.ReplaceAll(strings.ToUpper(e), "-", "_")} {
			if !members[v] {
				variants = append(variants, value.Str(v))
				break
			}
		}
		if len(variants) == 3 {
			break
		}
	}
	if len(variants) > 0 {
		out = append(out, mk("enum.case_variant", Edge, "a member in another case or spelling: restricted picklists reject it", variants...))
	}
	if len(f.EnumValues) > 0 && !members[" "+f.EnumValues[0]] {
		out = append(out, mk("enum.padded", Edge, "a member with surrounding spaces", value.Str(" "+f.EnumValues[0]+" ")))
	}
	if len(f.EnumValues) > 1 {
		out = append(out, mk("enum.multi_packed", Edge, "several members packed in one string (multi-picklists)", value.Str(f.EnumValues[0]+";"+f.EnumValues[1])))
		out = append(out, mk("enum.last_member", Rare, "the last declared member, rarely drawn in real data", value.Str(f.EnumValues[len(f.EnumValues)-1])))
	}
	return out
}

func binaryCases(f *schema.Field) []Case {
	return []Case{
		mk("binary.empty", Rare, "zero bytes", value.Value{K: value.Bytes, S: ""}),
		mk("binary.invalid_utf8", Edge, "bytes that are not text", value.Value{K: value.Bytes, S: "\xff\xfe\x00\x01"}),
		mk("binary.large", Hostile, "64 KiB", value.Value{K: value.Bytes, S: strings.Repeat("\xab", 64<<10)}),
	}
}

func objectCases(f *schema.Field) []Case {
	return []Case{
		mk("object.empty", Edge, "{} instead of null or absent: flatteners emit different nulls", value.Value{K: value.Object, Obj: value.NewRecord(nil)}),
		{Name: "object.partial", Tag: Rare, Doc: "only the first child present, the others absent"},
	}
}

func arrayCases(f *schema.Field) []Case {
	return []Case{
		mk("array.empty", Rare, "[] instead of null or absent: zero child rows vs unknown", value.Value{K: value.Array, Arr: []value.Value{}}),
		{Name: "array.null_element", Tag: Edge, Doc: "a null among the elements"},
		{Name: "array.many", Tag: Edge, Doc: "100 elements: payload limits, fixed slots overflow"},
	}
}
