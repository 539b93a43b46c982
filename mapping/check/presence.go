package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seamhq/seam/mapping/diag"
	"github.com/seamhq/seam/mapping/kind"
	"github.com/seamhq/seam/mapping/transform"
)

// presence: D19 nullable_into_required, D22 enum_uncovered, D28 a
// reference fed without a lookup (lookup_miss).
func presence(c *ctx) []Finding {
	return c.eachTargeted(func(ri *ruleInfo) []Finding {
		return slices.Concat(c.nullableIntoRequired(ri), c.enumUncovered(ri), c.referenceWithoutLookup(ri), c.sentinelKey(ri))
	})
}

func (c *ctx) nullableIntoRequired(ri *ruleInfo) []Finding {
	req, rwhy := c.requiredTarget(ri.tf)
	// on_error default(V) handles a null only where the engine refuses
	// it: a target the schema declares nullable (required by the
	// platform) is written null, and no default applies.
	if !req || c.systemReason(ri.tf) != "" || ri.x.coalesce || (strings.HasPrefix(ri.r.OnError, "default") && !ri.tf.Nullable) || len(ri.r.Items) > 0 {
		return nil // items always make an array, empty at worst
	}
	if ri.r.OnError == "reject" {
		return nil // written out: a row without the value is rejected on purpose
	}
	if !ri.x.plain && ri.x.conv == "" && !ri.x.split && ri.x.lookup == "" {
		return nil // an expression we cannot read may well handle null
	}
	var why []string
	for _, s := range ri.sources() {
		if s == nil {
			continue
		}
		switch {
		case s.Nullable:
			why = append(why, "source "+s.Path+" is nullable")
		case !s.Required:
			why = append(why, "source "+s.Path+" is optional (may be absent)")
		}
	}
	if ri.x.split {
		why = append(why, "a split leaves this part empty for one-word values")
	}
	if len(why) == 0 {
		return nil
	}
	why = append(why, "target "+rwhy)
	return []Finding{ri.finding(kind.NullableIntoRequired, diag.Error, "D19",
		fmt.Sprintf("%s can be null or absent but %s is required, and the rule has no default or coalesce", strings.Join(ri.sourcePaths(), ", "), ri.tf.Path), why...)}
}

func (c *ctx) enumUncovered(ri *ruleInfo) []Finding {
	s := ri.single()
	if s == nil || len(s.EnumValues) == 0 {
		return nil
	}
	tset := map[string]bool{}
	tfold := map[string]string{}
	for _, v := range ri.tf.EnumValues {
		tset[v] = true
		tfold[strings.ToLower(v)] = v
	}
	var missing, why []string
	switch {
	case ri.x.lookup != "":
		lk := c.m.LookupNamed(ri.x.lookup)
		if lk == nil || lk.File != "" {
			return nil // unknown tables are a compile error; file tables are read at run time
		}
		keys := map[string]string{}
		for _, e := range lk.Entries {
			keys[e.Key] = e.Value
		}
		for _, v := range s.EnumValues {
			to, ok := keys[v]
			if !ok {
				if lk.Default == nil {
					missing = append(missing, v)
				}
				continue
			}
			if len(tset) > 0 && !tset[to] {
				missing = append(missing, v+"->"+to)
				why = append(why, fmt.Sprintf("lookup %s maps %q to %q, not a value of %s", lk.Name, v, to, ri.tf.Path))
			}
		}
		if len(missing) > 0 {
			why = append(why, "lookup "+lk.Name+" has no entry (and no default) for some source values")
		}
	case ri.x.plain && len(tset) > 0:
		for _, v := range s.EnumValues {
			if tset[v] {
				continue
			}
			missing = append(missing, v)
			if alt, ok := tfold[strings.ToLower(v)]; ok {
				why = append(why, fmt.Sprintf("%q differs from target value %q only by case", v, alt))
			}
		}
	default:
		return nil
	}
	if len(missing) == 0 {
		return nil
	}
	why = append(why, "source values: "+strings.Join(s.EnumValues, ", "))
	if len(ri.tf.EnumValues) > 0 {
		why = append(why, "target values: "+strings.Join(ri.tf.EnumValues, ", "))
	}
	return []Finding{ri.finding(kind.EnumUncovered, diag.Error, "D22",
		fmt.Sprintf("source values %s of %s have no target value in %s", strings.Join(missing, ", "), s.Path, ri.tf.Path), why...)}
}

func (c *ctx) referenceWithoutLookup(ri *ruleInfo) []Finding {
	if ri.x.lookup != "" {
		return nil
	}
	ref, why := isReference(ri.tf)
	if !ref {
		return nil
	}
	s := ri.single()
	if s == nil && ri.x.read != nil {
		// to_string(rep_id), trim(owner_id): the id respelt is still the
		// source system's id.
		if p := transform.PathOf(keyArg(ri.x.read.Root), ""); p != "" {
			s = ri.reads[p]
		}
	}
	if s == nil {
		return nil
	}
	if leaf := strings.ToLower(s.Name); hasTok(leafTokens(s.Path), "id", "ids", "code", "key", "ref") == "" && !strings.HasSuffix(leaf, "id") {
		return nil
	}
	w := []string{"target " + why, "source " + s.Path + " is an id of the source system", "no lookup() in the rule"}
	if c.srcPlatform != "" && c.dstPlatform != "" && c.srcPlatform != c.dstPlatform {
		w = append(w, c.srcPlatform+" ids are not "+c.dstPlatform+" ids")
	}
	return []Finding{ri.finding(kind.LookupMiss, diag.Error, "D28",
		fmt.Sprintf("%s is a reference fed straight from %s: ids of one system are not keys of the other; add a cross-walk lookup", ri.tf.Path, s.Path), w...)}
}
