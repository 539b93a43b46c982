package check

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// Platform knowledge: facts a schema file often leaves out but the target
// system enforces. Only used when the schema itself is silent.

// platformOf guesses the system a schema describes from its file name and
// its field set: "salesforce", "hubspot" or "".
func platformOf(s *schema.Schema) string {
	if s == nil {
		return ""
	}
	ref := strings.ToLower(s.File + " " + s.Name)
	switch {
	case strings.Contains(ref, "salesforce"):
		return "salesforce"
	case strings.Contains(ref, "hubspot"):
		return "hubspot"
	}
	if s.Lookup("Id") != nil && s.Lookup("SystemModstamp") != nil {
		return "salesforce"
	}
	if s.Lookup("hs_object_id") != nil || s.Lookup("hubspot_owner_id") != nil {
		return "hubspot"
	}
	return ""
}

// salesforceSystem are audit, system and calculated fields every
// Salesforce object has; the API refuses writes to them.
var salesforceSystem = map[string]string{
	"Id":                 "record id, set by Salesforce",
	"IsDeleted":          "system field (Recycle Bin flag), not createable or updateable",
	"CreatedDate":        "audit field, set by Salesforce",
	"CreatedById":        "audit field, set by Salesforce",
	"LastModifiedDate":   "audit field, set by Salesforce",
	"LastModifiedById":   "audit field, set by Salesforce",
	"SystemModstamp":     "system timestamp, set by Salesforce",
	"LastActivityDate":   "calculated from related tasks and events, not createable",
	"LastViewedDate":     "system field",
	"LastReferencedDate": "system field",
	"MasterRecordId":     "set by merges",
	"PhotoUrl":           "system field",
}

// salesforceRequiredOnCreate are fields the API requires on insert even
// though describe() calls them nillable in reads.
var salesforceRequiredOnCreate = map[string]bool{"LastName": true}

// salesforceDateOnly are Salesforce fields of type date (no time, no zone)
// that read schemas often type as date-time.
var salesforceDateOnly = map[string]bool{"LastActivityDate": true, "Birthdate": true, "CloseDate": true,
	"ActivityDate": true, "LastCURequestDate": true, "LastCUUpdateDate": true, "EmailBouncedDate": false}

// systemReason says why a target field must not be written, "" when it may.
func (c *ctx) systemReason(f *schema.Field) string {
	switch {
	case f.ReadOnly:
		return "the target schema marks it read-only"
	case f.Generated:
		return "the target generates it (identity/serial/auto-increment)"
	}
	if c.dstPlatform == "salesforce" {
		if why, ok := salesforceSystem[f.Path]; ok {
			return "Salesforce " + why
		}
	}
	return ""
}

// requiredTarget reports a target that must receive a value, and why.
func (c *ctx) requiredTarget(f *schema.Field) (bool, string) {
	// A sample that had a value in every row does not declare the column
	// required (Field.Sampled): the engine writes null into it.
	if f.Required && !f.Nullable && f.Default == nil && !f.Sampled {
		return true, "required, not nullable, no default"
	}
	if f.PrimaryKey && !f.Generated && f.Default == nil {
		return true, "primary key"
	}
	if c.dstPlatform == "salesforce" && salesforceRequiredOnCreate[f.Path] {
		return true, "Salesforce requires " + f.Path + " when a record is created"
	}
	return false, ""
}

var reDocLen = regexp.MustCompile(`(?i)(?:up to|maximum (?:size|length) (?:is|of)|max(?:imum)?\.? (?:of )?|at most|limited to|no more than)\s*(\d{1,6})\s*(?:characters|chars)`)

// MaxLength is a string field's length limit: MaxLength, else one stated
// in its description ("up to 40 characters", "Maximum size is 80
// characters"), as Salesforce and HubSpot schemas often say it only there.
// The second result says where it came from; 0 means no known limit.
// synth plans can use it to aim length edge cases at such fields.
func MaxLength(f *schema.Field) (int, string) { return maxLen(f) }

// maxLen is MaxLength.
func maxLen(f *schema.Field) (int, string) {
	// A description that names a code system bounds the values more
	// tightly than a generic declared length (Stripe's country: 5000
	// characters, "Two-letter country code").
	if cs, ok := codeSystemOf(f); ok && cs.n > 0 && (f.MaxLength == nil || cs.n < *f.MaxLength) {
		return cs.n, cs.why
	}
	if f.MaxLength != nil {
		return *f.MaxLength, "max_length " + strconv.Itoa(*f.MaxLength)
	}
	if m := reDocLen.FindStringSubmatch(f.Description); m != nil {
		n, err := strconv.Atoi(m[1])
		if err == nil && n > 0 {
			return n, "description: \"" + m[0] + "\""
		}
	}
	return 0, ""
}

// dateOnly reports a target that holds only a calendar date, and why.
func (c *ctx) dateOnly(f *schema.Field) (bool, string) {
	if f.Type == schema.Date || (f.Type == schema.String && strings.EqualFold(f.Format, "date")) {
		return true, "target type date"
	}
	if c.dstPlatform == "salesforce" && salesforceDateOnly[f.Path] {
		return true, "Salesforce types " + f.Path + " as date (no time, no zone)"
	}
	return false, ""
}

// isReference reports a target that holds another record's id, and why.
func isReference(f *schema.Field) (bool, string) {
	if f.References != "" {
		return true, "references " + f.References
	}
	d := strings.ToLower(f.Description)
	if strings.Contains(d, "relationship field") || strings.Contains(d, "foreign key") || strings.Contains(d, "references ") {
		return true, "description says it is a relationship"
	}
	return false, ""
}
