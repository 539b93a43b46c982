package mapping

import (
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

var targetKeys = []string{"name", "schema", "fingerprint", "each", "parent", "group_by", "ignore_target", "rules"}

// targetCommentPrefix keys the comments of a further target's rules.
func targetCommentPrefix(name string) string { return "targets[" + name + "]/" }

// targets reads `targets:`: the first item fills Mapping.Target, Rules,
// TargetName, Each and Parent; the others Mapping.Extra.
func (p *mparser) targets(n ast.Node) {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		p.errf(n, "targets: want a list of targets (- name: ..., schema: ..., rules: [...]), found %s", nodeKind(n))
		return
	}
	if len(seq.Values) == 0 {
		p.errf(n, "targets: the list is empty; want at least one target")
		return
	}
	for i, item := range seq.Values {
		t := &Target{Pos: p.pos(item)}
		p.targetPos = append(p.targetPos, t.Pos)
		es := p.entries(item, "targets")
		var rulesNode ast.Node
		seen := map[string]bool{}
		for _, e := range es {
			k, ok := p.firstKey(seen, e, "target: ")
			if !ok {
				continue
			}
			switch k {
			case "name":
				t.Name = p.str(e.Value, "target name")
			case "schema":
				t.Schema.Schema = p.str(e.Value, "target schema")
				t.Schema.Pos = p.pos(e.Value)
			case "fingerprint":
				t.Schema.Fingerprint = p.str(e.Value, "target fingerprint")
			case "each":
				t.Each = p.str(e.Value, "each")
			case "parent":
				t.Parent = p.str(e.Value, "parent")
			case "group_by":
				t.GroupBy = p.strList(e.Value, "group_by")
				if len(t.GroupBy) == 0 {
					p.errf(e.Value, "group_by: want the source fields that key a group, like [contact_id]")
				}
			case "ignore_target":
				t.IgnoreTarget = p.strList(e.Value, "ignore_target")
			case "rules":
				rulesNode = e.Value
			default:
				p.errf(e.Key, "target: unknown key %q: want one of %s", k, strings.Join(targetKeys, ", "))
			}
		}
		if t.Schema.Schema == "" {
			p.errf(item, "target %d: missing schema (a schema file, optionally FILE#SELECTOR)", i+1)
		}
		prefix := ""
		if i > 0 {
			prefix = targetCommentPrefix(t.Name)
		}
		if rulesNode != nil {
			t.Rules = p.rules(rulesNode, prefix)
		}
		if i == 0 {
			m := p.m
			m.Target, m.Rules, m.TargetName, m.Each, m.Parent, m.GroupBy = t.Schema, t.Rules, t.Name, t.Each, t.Parent, t.GroupBy
			m.OwnIgnoreTarget = t.IgnoreTarget
			continue
		}
		p.m.Extra = append(p.m.Extra, t)
	}
}

var joinKeys = []string{"name", "schema", "data", "on", "on_miss", "on_duplicate"}

// joins reads `joins:`.
func (p *mparser) joins(n ast.Node) {
	seq, ok := p.seq(n, "joins: want a list of joins (- name: ..., schema: ..., data: ..., on: {...})")
	if !ok {
		return
	}
	for _, item := range seq.Values {
		j := &Join{Pos: p.pos(item)}
		for _, e := range p.entries(item, "join") {
			switch k := keyString(e); k {
			case "name":
				j.Name = p.str(e.Value, "join name")
			case "schema":
				j.Schema = p.str(e.Value, "join schema")
			case "data":
				j.Data = p.str(e.Value, "join data")
			case "on":
				for _, kv := range p.entries(e.Value, "join on") {
					j.On = append(j.On, JoinKey{Left: keyString(kv), Right: p.str(kv.Value, "join on")})
				}
			case "on_miss":
				j.OnMiss = p.str(e.Value, "on_miss")
				if nn, ok := unwrap(e.Value).(*ast.NullNode); ok && nn.GetToken() != nil && nn.GetToken().Value == "null" {
					j.OnMiss = JoinMissNull // `on_miss: null` is the mode, not YAML's null
				}
				if j.OnMiss != "" && j.OnMiss != JoinMissReject && j.OnMiss != JoinMissNull {
					p.errf(e.Value, "join %s: on_miss %q: want reject or null", j.Name, j.OnMiss)
				}
			case "on_duplicate":
				j.OnDuplicate = p.str(e.Value, "on_duplicate")
				if j.OnDuplicate != "" && j.OnDuplicate != JoinDupFirst {
					p.errf(e.Value, "join %s: on_duplicate %q: want first (or leave it out: a repeated key is an error)", j.Name, j.OnDuplicate)
				}
			default:
				p.errf(e.Key, "join: unknown key %q: want one of %s", k, strings.Join(joinKeys, ", "))
			}
		}
		switch {
		case j.Name == "":
			p.errf(item, "join: missing name (how rules call its fields: NAME.FIELD)")
		case strings.ContainsAny(j.Name, ".[]$ "):
			p.errf(item, "join %q: a name is a plain identifier (letters, digits, _)", j.Name)
		case p.m.JoinNamed(j.Name) != nil:
			p.errf(item, "join %q is defined twice", j.Name)
		}
		if j.Schema == "" {
			p.errf(item, "join %s: missing schema (the joined data's schema, FILE or FILE#SELECTOR)", j.Name)
		}
		if len(j.On) == 0 {
			p.errf(item, "join %s: missing on (left field: key field of the joined data)", j.Name)
		}
		for _, k := range j.On {
			if strings.Contains(k.Left, "[]") {
				p.errf(item, "join %s: on %s reads inside an array; a join key is one value per record", j.Name, k.Left)
			}
		}
		p.m.Joins = append(p.m.Joins, j)
	}
}

// checkTargets checks what needs no schema: unique target names, parents
// that name an earlier target whose each is a prefix of the child's.
func (p *mparser) checkTargets(body ast.Node) {
	m := p.m
	views := m.Targets()
	seen := map[string]int{}
	for i, t := range views {
		name := t.OutName()
		at := t.Target.Pos
		if i < len(p.targetPos) {
			at = p.targetPos[i]
		}
		if name == "" {
			p.diags.Errorf(at, "target %d has no name and its schema gives none; add name:", i+1)
			continue
		}
		if prev, dup := seen[name]; dup {
			p.diags.Errorf(at, "target name %q is used by target %d too; names must be unique (they name the outputs)", name, prev+1)
			continue
		}
		seen[name] = i
		if !slices.Equal(t.GroupBy, views[0].GroupBy) {
			p.diags.Errorf(at, "target %s: group_by %v differs from the first target's %v; every target of a mapping groups by the same key (or none does)", name, t.GroupBy, views[0].GroupBy)
		}
		if len(t.GroupBy) > 0 && t.Each != "" {
			p.diags.Errorf(at, "target %s: group_by and each together are not supported; a grouped target builds arrays with items", name)
		}
		for _, g := range t.GroupBy {
			if strings.Contains(g, "[]") {
				p.diags.Errorf(at, "target %s: group_by %s reads inside an array; a group key is one value per record", name, g)
			}
		}
		if t.Each != "" {
			if strings.HasPrefix(t.Each, ".") || strings.HasSuffix(t.Each, ".") || strings.HasSuffix(t.Each, "[]") {
				p.diags.Errorf(at, "target %s: each %q: want the path of a source array (lineItems, lineItems[].discountAllocations)", name, t.Each)
			}
		}
		if t.Parent == "" {
			continue
		}
		pi, ok := seen[t.Parent]
		if !ok || pi == i {
			p.diags.Errorf(at, "target %s: parent %q is not an earlier target; want the name of a target above this one", name, t.Parent)
			continue
		}
		pe := views[pi].Each
		if pe != "" && t.Each != pe && !strings.HasPrefix(t.Each, pe+"[].") {
			p.diags.Errorf(at, "target %s: parent %s iterates %s, which does not contain this target's each %q; a child iterates its parent's array or one inside it", name, t.Parent, pe, t.Each)
		}
	}
}
