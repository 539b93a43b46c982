package check

import (
	"fmt"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/schema"
)

// identity: D04 readonly_target and D05 identity_misuse.
func identity(c *ctx) []Finding {
	return c.eachTargeted(func(ri *ruleInfo) []Finding {
		if s := ri.single(); s != nil {
			if sk, swhy := srcKey(s); sk {
				if dk, dwhy := c.dstKey(ri.tf); dk {
					return []Finding{ri.finding(kind.IdentityMisuse, diag.Error, "D05",
						fmt.Sprintf("source key %s is sent into %s, the target's own generated key; carry it in an external-id field instead", s.Path, ri.tf.Path),
						"source: "+swhy, "target: "+dwhy)}
				}
			}
		}
		if why := c.systemReason(ri.tf); why != "" {
			return []Finding{ri.finding(kind.ReadonlyTarget, diag.Error, "D04",
				fmt.Sprintf("%s is written but the target sets it itself: the value is refused or overwritten", ri.tf.Path), why)}
		}
		return nil
	})
}

// srcKey: the source record's own identifier.
func srcKey(f *schema.Field) (bool, string) {
	if f.PrimaryKey {
		return true, f.Path + " is the primary key"
	}
	if fold(f.Path) == "id" {
		return true, f.Path + " is the record id"
	}
	return false, ""
}

// dstKey: the target's own key, which the target generates.
func (c *ctx) dstKey(f *schema.Field) (bool, string) {
	switch {
	case f.PrimaryKey && (f.Generated || f.ReadOnly):
		return true, f.Path + " is a generated primary key"
	case f.Generated && fold(f.Name) == "id":
		return true, f.Path + " is generated"
	case f.ReadOnly && fold(f.Path) == "id":
		return true, f.Path + " is a read-only record id"
	case c.dstPlatform == "salesforce" && f.Path == "Id":
		return true, "Salesforce sets Id (an 18-character record id) itself"
	}
	return false, ""
}
