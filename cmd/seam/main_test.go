package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// The signal tests run this binary as seam itself (with main's signal
	// handling), see seamCmd.
	if os.Getenv("SEAM_TEST_AS_MAIN") == "1" {
		os.Exit(runMainWith(os.Args[1:], holdPartial(os.Getenv("SEAM_TEST_HOLD_COMMIT"))))
	}
	testscript.Main(m, map[string]func(){
		"seam": func() { os.Exit(runMain(os.Args[1:])) },
	})
}

// TestScripts runs the CLI scripts in testdata/scripts/*.txtar: each one
// drives the real command line and checks output and exit codes.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/scripts",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			td, err := filepath.Abs("../../testdata")
			if err != nil {
				return err
			}
			env.Setenv("TESTDATA", td)
			return nil
		},
	})
}

// holdPartial is the hook of TestSecondSignal: an interrupted command
// creates the file marker, then waits before committing its outputs
// until a second signal ends the process. nil when marker is "".
func holdPartial(marker string) func() {
	if marker == "" {
		return nil
	}
	return func() {
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			panic(err)
		}
		select {}
	}
}
