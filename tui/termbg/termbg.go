// Package termbg asks the terminal whether its background is dark, once,
// with a short timeout. Only the TUI calls it, just before it starts: the
// command-line paths never write a query to the terminal (a terminal that
// does not answer would otherwise stall them; issue #19.11).
//
// The query is xterm's OSC 11 ("ESC]11;?"), followed by a cursor position
// request ("ESC[6n") that every terminal answers, so that a terminal which
// ignores OSC 11 is told apart without waiting for the timeout. COLORFGBG
// ("15;0") answers without a query.
package termbg

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// Timeout is how long Dark waits for the terminal's answer.
const Timeout = 300 * time.Millisecond

// Dark reports whether the terminal's background is dark; known is false
// when it could not be told (no terminal, no answer within timeout), and
// dark is then true, the common case.
func Dark(timeout time.Duration) (dark, known bool) {
	if d, ok := fromCOLORFGBG(os.Getenv("COLORFGBG")); ok {
		return d, true
	}
	term := os.Getenv("TERM")
	if term == "" || strings.HasPrefix(term, "dumb") || strings.HasPrefix(term, "screen") || strings.HasPrefix(term, "tmux") {
		return true, false
	}
	resp, ok := query(timeout)
	if !ok {
		return true, false
	}
	if d, ok := parseOSC11(resp); ok {
		return d, true
	}
	return true, false
}

// fromCOLORFGBG reads "FG;BG" (rxvt, some others): background colours 7
// and 15 (white) are light, others dark.
func fromCOLORFGBG(v string) (dark, ok bool) {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return false, false
	}
	bg, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return false, false
	}
	return bg != 7 && bg != 15, true
}

// parseOSC11 reads "ESC]11;rgb:RRRR/GGGG/BBBB" (1 to 4 hex digits per
// channel) out of a terminal's answer and reports whether the colour's
// relative luminance is below one half.
func parseOSC11(resp string) (dark, ok bool) {
	i := strings.Index(resp, "]11;rgb:")
	if i < 0 {
		return false, false
	}
	s := resp[i+len("]11;rgb:"):]
	if j := strings.IndexAny(s, "\x1b\a"); j >= 0 {
		s = s[:j]
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return false, false
	}
	var ch [3]float64
	for k, p := range parts {
		if len(p) == 0 || len(p) > 4 {
			return false, false
		}
		v, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return false, false
		}
		ch[k] = float64(v) / float64(uint64(1)<<(4*len(p))-1)
	}
	lum := 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2]
	return lum < 0.5, true
}
