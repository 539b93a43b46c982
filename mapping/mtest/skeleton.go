package mtest

import "github.com/seamhq/seam/mapping/value"

// NewCase is a test skeleton for one input record: the record as its
// given, and every target expected whole (no column listed), so that
// Update after a Run writes what the mapping did into it. targets are the
// plan's target names; with one target the expectation is the mapping's
// only one ("").
func NewCase(name string, rec *value.Record, targets []string) *Case {
	c := &Case{Name: name, Given: []*Node{nodeOf(value.Value{K: value.Object, Obj: rec})}, Expect: map[string][]Row{}}
	if len(targets) == 1 {
		c.Expect[""] = []Row{}
		return c
	}
	for _, t := range targets {
		c.Expect[t] = []Row{}
	}
	return c
}
