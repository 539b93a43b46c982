package check

import (
	"github.com/seamhq/seam/mapping/engine"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
)

// NewData prepares the streaming data detectors for a compiled program.
// Pass the schemas the program was compiled with in opts.Source and
// opts.Target; when they are nil the mapping's schemas are loaded again
// (and detectors that need a missing schema stay quiet).
func NewData(p *engine.Program, opts DataOptions) *Data {
	m := p.Mapping()
	src, dst := opts.Source, opts.Target
	if src == nil || dst == nil {
		s, t, err := m.LoadSchemas(schema.Options{})
		if err == nil {
			if src == nil {
				src = s
			}
			if dst == nil {
				dst = t
			}
		}
	}
	return NewDataFor(m, src, dst, opts)
}

// Observe feeds one row and what the engine made of it (Run's OnRow hands
// both over in input order). A rejected row's output is not inspected:
// the engine's errors on it are. labels maps a field path to the synthetic
// edge case that produced its value (nil for real data).
func (d *Data) Observe(row int64, in *value.Record, res engine.Result, labels map[string]string) {
	if res.Rejected {
		d.ObserveRejected(row, in, res.Out, res.Errors, labels)
		return
	}
	d.ObserveOut(row, in, res.Out, res.Errors, labels)
}
