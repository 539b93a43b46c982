package check

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// Values inside a built array or object (#12: phone_numbers[] of
// {phone_number, phone_number_type}) are held to the element schema as a
// top-level value is to its field: a type enum, a required member, a
// length. Without it a literal "cell" written as a phone_number_type whose
// enum is primary/mobile/fax/other reaches the target unseen.

// maxNestedChecks bounds the members checked per value (a huge array
// is sampled from its start).
const maxNestedChecks = 1000

// checkNested walks ov against the children of tf and reports the first
// member of each kind that breaks them.
func (d *Data) checkNested(rc *rowCheck, tf *schema.Field, ov value.Value) {
	if len(tf.Children) == 0 || (ov.K != value.Array && ov.K != value.Object) {
		return
	}
	budget := maxNestedChecks
	seen := map[kind.Kind]bool{}
	var walk func(f *schema.Field, v value.Value, path string)
	walk = func(f *schema.Field, v value.Value, path string) {
		if budget <= 0 {
			return
		}
		budget--
		switch {
		case f.Type == schema.Array && v.K == value.Array:
			if el := f.Elem(); el != nil {
				for _, e := range v.Arr {
					walk(el, e, path+"[]")
				}
			}
			return
		case f.Type == schema.Object && v.K == value.Object && v.Obj != nil:
			for _, c := range f.Children {
				cv := v.Obj.Get(c.Name)
				if cv.IsMissing() {
					if c.Required && !c.Nullable && !seen[kind.NullIntoRequired] {
						seen[kind.NullIntoRequired] = true
						p := path + "." + c.Name
						rc.hit(kind.NullIntoRequired, func() (string, string) {
							return fmt.Sprintf("null or absent reached the required %s", p), Render(cv) + " into " + p
						})
					}
					continue
				}
				walk(c, cv, path+"."+c.Name)
			}
			return
		default:
		}
		if v.IsMissing() || path == tf.Path {
			return
		}
		if len(f.EnumValues) > 0 && !seen[kind.EnumViolation] && !inEnum(f.EnumValues, v.Text()) {
			seen[kind.EnumViolation] = true
			rc.hit(kind.EnumViolation, func() (string, string) {
				return fmt.Sprintf("values outside the allowed set of %s", path), fmt.Sprintf("%s: %s is not one of %s", path, Render(v), strings.Join(f.EnumValues, ", "))
			})
		}
		if f.MaxLength != nil && v.K == value.String && !seen[kind.Truncation] {
			if n := utf8.RuneCountInString(v.S); n > *f.MaxLength {
				seen[kind.Truncation] = true
				rc.hit(kind.Truncation, func() (string, string) {
					return fmt.Sprintf("values longer than %s allows (%d characters)", path, *f.MaxLength), fmt.Sprintf("%s: %d characters; limit %d", path, n, *f.MaxLength)
				})
			}
		}
	}
	walk(tf, ov, tf.Path)
}

func inEnum(vals []string, s string) bool {
	for _, v := range vals {
		if v == s {
			return true
		}
	}
	return false
}
