package transform

import (
	"sync"
	"testing"

	"github.com/expr-lang/expr"
)

// TestConcurrentRuns shares one compiled program between goroutines, as the
// engine's workers do; run with -race.
func TestConcurrentRuns(t *testing.T) {
	src := `concat(lookup("status", code), " ", format_date(parse_date(d, "MM/DD/YYYY"), "ISO"), " ", ` +
		`regex_replace(s, "[0-9]+", "#"), " ", to_string(to_decimal(n) / 100))`
	decl := map[string]any{"code": "", "d": "", "s": "", "n": 0}
	prog, err := expr.Compile(src, append(ExprOptions(ExampleEnv), expr.Env(decl))...)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			env := map[string]any{"code": "P", "d": "12/31/2024", "s": "a1b22", "n": 12345}
			for i := 0; i < 200; i++ {
				out, err := expr.Run(prog, env)
				if err != nil || out != "pending 2024-12-31 a#b# 123.45" {
					t.Errorf("got %v, %v", out, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
