package tui

import (
	"testing"
	"time"

	"github.com/seamhq/seam/tui/common"
	"github.com/seamhq/seam/tui/internal/testkit"
)

// A status message expires; a newer one is not cleared by the older one's
// timer (#14.13).
func TestStatusExpires(t *testing.T) {
	testkit.Pin()
	tm, err := New(Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	m := tm.(*model)
	m.statusTTL = time.Millisecond
	up := testkit.Model(&tm)
	testkit.Drive(t, up, common.StatusMsg{Text: "saved x"})
	if m.status != "" {
		t.Fatalf("status %q did not expire", m.status)
	}
	m.statusTTL = 0
	testkit.Drive(t, up, common.StatusMsg{Text: "first"})
	old := m.statusSeq
	testkit.Drive(t, up, common.StatusMsg{Text: "second"}, statusExpiredMsg{seq: old})
	if m.status != "second" {
		t.Fatalf("an old timer cleared the newer status: %q", m.status)
	}
	testkit.Drive(t, up, statusExpiredMsg{seq: m.statusSeq})
	if m.status != "" {
		t.Fatalf("status %q after its timer", m.status)
	}
}
