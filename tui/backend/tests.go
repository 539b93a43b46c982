package backend

import (
	"context"

	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/mtest"
	"github.com/seamhq/seam/mapping/schema"
)

// RunTests runs the mapping's example tests (its tests: section and its
// sidecar file) the way seam test does: the mapping compiled as a plan
// (one target or several, joins read from the mapping's data:), each
// test through it in file order. A mapping that does not compile is a
// *common.CompileError; a tests section that does not parse, its error.
func (Engine) RunTests(ctx context.Context, m *mapping.Mapping, src *schema.Schema, dsts []*schema.Schema, joins map[string]*schema.Schema) ([]*mtest.Result, error) {
	cases, err := mtest.Load(m)
	if err != nil || len(cases) == 0 {
		return nil, err
	}
	p, err := compilePlan(m, src, dsts, joins, nil)
	if err != nil {
		return nil, err
	}
	env := mtest.Env{Plan: p, Mapping: m}
	out := make([]*mtest.Result, 0, len(cases))
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out = append(out, mtest.Run(ctx, env, c))
	}
	return out, nil
}
