package hostile

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seamhq/seam/mapping/internal/testenv"
)

// memLimit is the memory (RLIMIT_DATA) each run gets.
const memLimit = 2 << 30

// hostileCase is one input and the error it must end in.
type hostileCase struct {
	name  string
	files func(dir string) error // writes the input into dir
	args  []string               // seam's arguments, run in dir
	code  int                    // expected exit code
	want  []string               // in stderr
	// outputs: substrings of files the run writes, by name.
	outputs map[string][]string
}

func write(name string, data []byte) func(string) error {
	return func(dir string) error {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
}

func all(fs ...func(string) error) func(string) error {
	return func(dir string) error {
		for _, f := range fs {
			if err := f(dir); err != nil {
				return err
			}
		}
		return nil
	}
}

// repeat writes head, n times rep, then tail, streaming (the test process
// never holds the input).
func repeat(name, head, rep string, n int, tail string) func(string) error {
	return func(dir string) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(head)
		for i := 0; i < n; i++ {
			w.WriteString(rep)
		}
		w.WriteString(tail)
		return w.Flush()
	}
}

// sparse writes a file of size bytes that starts with head and takes no
// disk (the rest reads as zero bytes).
func sparse(name, head string, size int64) func(string) error {
	return func(dir string) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := f.WriteString(head); err != nil {
			return err
		}
		return f.Truncate(size)
	}
}

const okTarget = "seam_schema: 1\nname: t\nfields:\n  - {name: id, type: string, required: true}\n"

func mappingOver(src string) string {
	return "seam: 1\nname: m\nsource: {schema: " + src + "}\ntarget: {schema: t.yaml}\nrules:\n  - {target: id, from: [id]}\n"
}

// doubling is a rule expression that doubles field name n times in a
// chain of lets: linear text, exponential value.
func doubling(n int) string {
	var b strings.Builder
	prev := "name"
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "let v%d = %s + %s; ", i, prev, prev)
		prev = fmt.Sprintf("v%d", i)
	}
	return b.String() + prev
}

const nameSchema = "seam_schema: 1\nname: s\nfields:\n  - {name: name, type: string}\n"
const outSchema = "seam_schema: 1\nname: t\nfields:\n  - {name: out, type: string}\n"

func growMapping(expr string) string {
	return "seam: 1\nname: m\nsource: {schema: s.yaml}\ntarget: {schema: t.yaml}\nrules:\n  - {id: grow, target: out, from: [name], expr: '" + expr + "'}\n"
}

func cases() []hostileCase {
	deepBlock := func(key string, d int) []byte {
		var b bytes.Buffer
		for i := 0; i < d; i++ {
			b.WriteString(strings.Repeat(" ", i) + key + ":\n")
		}
		return b.Bytes()
	}
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		laughs += n + ": &" + n + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = n
	}
	laughs += "fields: *i\n"
	return []hostileCase{
		{"YAML schema, 100,000 nested [", write("s.yaml", []byte("fields: "+strings.Repeat("[", 100000))),
			[]string{"schema", "show", "s.yaml"}, 2, []string{"s.yaml:1:", "nested deeper than 512 levels"}, nil},
		{"OpenAPI, 20,000 nested properties (flow)", write("api.yaml", []byte("openapi: 3.0.0\ncomponents:\n  schemas:\n    A: "+strings.Repeat("{properties: {a: ", 20000))),
			[]string{"schema", "show", "api.yaml"}, 2, []string{"api.yaml:4:", "nested deeper than 512 levels"}, nil},
		{"OpenAPI, 5,000 nested properties (block, 12 MB)", write("api.yaml", append([]byte("openapi: 3.0.0\ncomponents:\n  schemas:\n"), deepBlock("   properties", 5000)...)),
			[]string{"schema", "show", "api.yaml"}, 2, []string{"api.yaml:", "nested deeper than 512 levels"}, nil},
		{"mapping file, 100,000 nested [", write("m.seam.yaml", []byte("seam: 1\nrules: "+strings.Repeat("[", 100000))),
			[]string{"check", "-m", "m.seam.yaml"}, 2, []string{"m.seam.yaml:2:", "nested deeper than 512 levels"}, nil},
		{"YAML schema, 12,000,000 tokens in 48 MB", repeat("s.yaml", "fields:\n", "- 1\n", 12000000, ""),
			[]string{"schema", "show", "s.yaml"}, 2, []string{"s.yaml:", "more than 2000000 tokens"}, nil},
		{"YAML schema, billion laughs", write("s.yaml", []byte(laughs)),
			[]string{"schema", "show", "s.yaml"}, 2, []string{"s.yaml", "more than 500000 nodes through aliases"}, nil},
		{"JSON, 200 MB on one line", sparse("big.json", `{"type": "object", "description": "`, 200<<20),
			[]string{"schema", "show", "big.json"}, 2, []string{"big.json: file is 200 MiB; a JSON Schema schema may be at most 64 MiB"}, nil},
		{"JSON sample, 30,000,000 values in 60 MB", repeat("nums.json", "[", "1,", 30000000, "1]"),
			[]string{"schema", "show", "nums.json"}, 2, []string{"nums.json:1:", "more than 1000000 values"}, nil},
		{"YAML schema just under the token bound", repeat("s.yaml", "fields:\n", "- 1\n", 990000, ""),
			[]string{"schema", "show", "s.yaml"}, 2, []string{"s.yaml", "more than 500000 nodes"}, nil},
		{"JSON, 100,000 nested [", write("d.json", bytes.Repeat([]byte("["), 100000)),
			[]string{"schema", "show", "d.json"}, 2, []string{"d.json:", "nested deeper than 512 levels"}, nil},
		{"CSV, a 300 MB field", repeat("d.csv", "a,b\n1,\"", strings.Repeat("x", 1<<20), 300, ""),
			[]string{"schema", "show", "d.csv"}, 2, []string{"d.csv:2:", "a record longer than 16 MiB"}, nil},
		{"JSONL, a 300 MB line", repeat("d.jsonl", `{"a": "`, strings.Repeat("x", 1<<20), 300, ""),
			[]string{"schema", "show", "d.jsonl"}, 2, []string{"d.jsonl:1:", "line longer than 16 MiB"}, nil},
		{"schema show /dev/zero", nil,
			[]string{"schema", "show", "/dev/zero"}, 2, []string{"/dev/zero: is a device, not a regular file"}, nil},
		{"$ref to /dev/zero", write("s.json", []byte(`{"type": "object", "properties": {"a": {"$ref": "/dev/zero"}}}`)),
			[]string{"schema", "show", "s.json"}, 2, []string{`"/dev/zero" is an absolute path`}, nil},
		{"$ref through a symlink to /dev/zero", all(write("s.json", []byte(`{"type": "object", "properties": {"a": {"$ref": "z.json"}}}`)),
			func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "z.json")) }),
			[]string{"schema", "show", "s.json"}, 2, []string{"z.json: outside the allowed folders"}, nil},
		{"mapping's source is /dev/zero", all(write("t.yaml", []byte(okTarget)), write("m.seam.yaml", []byte(mappingOver("/dev/zero")))),
			[]string{"check", "-m", "m.seam.yaml"}, 2, []string{`"/dev/zero" is an absolute path`}, nil},
		{"mapping's source is a 200 MB JSON Schema", all(write("t.yaml", []byte(okTarget)), write("m.seam.yaml", []byte(mappingOver("big.json"))), sparse("big.json", `{"type": "object", "description": "`, 200<<20)),
			[]string{"check", "-m", "m.seam.yaml"}, 2, []string{"source schema (m.seam.yaml:3:18):", "file is 200 MiB"}, nil},
		{name: "mapping file of 200 MB", files: sparse("m.seam.yaml", "seam: 1\n", 200<<20),
			args: []string{"check", "-m", "m.seam.yaml"}, code: 2, want: []string{"m.seam.yaml: file is 200 MiB; at most 64 MiB can be read"}},
		// #20.6: one huge cell in a small workbook (9.6 GB and a crash before).
		{name: "XLSX, one 900 MB cell in a 1.8 MB workbook (schema show)", files: hugeCellXLSX("big.xlsx", 900<<20),
			args: []string{"schema", "show", "big.xlsx"}, code: 2,
			want: []string{"big.xlsx: xl/worksheets/sheet1.xml: cell B2 holds more than 16 MiB of text"}},
		{name: "XLSX, one 100 MB cell (run --input)", files: all(hugeCellXLSX("big.xlsx", 100<<20),
			write("s.yaml", []byte("seam_schema: 1\nname: s\nfields:\n  - {name: id, type: string}\n  - {name: note, type: string}\n")),
			write("t.yaml", []byte(okTarget)), write("m.seam.yaml", []byte(mappingOver("s.yaml")))),
			args: []string{"run", "-m", "m.seam.yaml", "-i", "big.xlsx", "-o", "out.csv"}, code: 2,
			want: []string{"big.xlsx: xl/worksheets/sheet1.xml: cell B2 holds more than 16 MiB of text"}},
		{name: "XLSX, one 15 MB cell loads", files: hugeCellXLSX("big.xlsx", 15<<20),
			args: []string{"schema", "show", "big.xlsx"}, code: 0},
		// #20.3: a padded 950 MB sheet of small cells (39 s and 3.7 GB
		// before) is streamed: sampled by schema show, every row by run.
		{name: "XLSX, a 950 MB sheet of small cells (schema show)", files: paddedXLSX("padded.xlsx", 950<<20),
			args: []string{"schema", "show", "padded.xlsx"}, code: 0},
		{name: "XLSX, a 950 MB sheet of small cells (run --input)", files: all(paddedXLSX("padded.xlsx", 950<<20),
			write("s.yaml", []byte("seam_schema: 1\nname: s\nfields:\n  - {name: id, type: string}\n  - {name: a, type: string}\n")),
			write("t.yaml", []byte(okTarget)), write("m.seam.yaml", []byte(mappingOver("s.yaml")))),
			args: []string{"run", "-m", "m.seam.yaml", "-i", "padded.xlsx", "-o", "out.csv"}, code: 0,
			want: []string{"read=766712 written=766712 rejected=0"}, outputs: map[string][]string{"out.csv": {"id\n2\n3\n", "\n766713\n"}}},
		// #20.7: 33 doublings of a field (5.3 GB and a crash before the bound).
		{name: "33 doublings of a field in a let chain (run)", files: all(write("s.yaml", []byte(nameSchema)), write("t.yaml", []byte(outSchema)),
			write("m.seam.yaml", []byte(growMapping(doubling(33)))), write("d.csv", []byte("name\nabcdefgh\nshort\n"))),
			args: []string{"run", "-m", "m.seam.yaml", "-i", "d.csv", "-o", "out.csv", "--rejects", "rej.jsonl"}, code: 0,
			want:    []string{"read=2 written=0 rejected=2"},
			outputs: map[string][]string{"rej.jsonl": {`"rule":"grow"`, "rule grow: a value grew beyond 16 MiB"}}},
		{name: "a replace multiplying a field 8 times, 12 deep (check --input)", files: all(write("s.yaml", []byte(nameSchema)), write("t.yaml", []byte(outSchema)),
			write("m.seam.yaml", []byte(growMapping(strings.Repeat(`replace(`, 12)+"name"+strings.Repeat(`, "a", "aaaaaaaa")`, 12)))), write("d.csv", []byte("name\nbanana\n"))),
			args: []string{"check", "-m", "m.seam.yaml", "--input", "d.csv", "-o", "report.txt"}, code: 1,
			outputs: map[string][]string{"report.txt": {"value_too_large (1)", "rule grow: a value grew beyond 16 MiB"}}},
	}
}

// TestHostileInputsBoundedMemory runs seam on each hostile input under a
// 2 GiB address space: each must exit with the expected code and error,
// without a crash, a Go panic or an out-of-memory death.
func TestHostileInputsBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds seam and writes inputs of hundreds of MB")
	}
	bin := testenv.SeamBinary(t)
	for _, c := range append(append(cases(), manyCases()...), specialCases()...) {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.files != nil {
				if err := c.files(dir); err != nil {
					t.Fatal(err)
				}
			}
			r := testenv.RunLimited(t, memLimit, dir, bin, c.args...)
			t.Logf("exit %d, peak RSS %d MiB", r.ExitCode, r.MaxRSS>>20)
			if r.ExitCode != c.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.ExitCode, c.code, clip(r.Stderr))
			}
			for _, w := range c.want {
				if !strings.Contains(r.Stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, clip(r.Stderr))
				}
			}
			for name, wants := range c.outputs {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				for _, w := range wants {
					if !strings.Contains(string(b), w) {
						t.Errorf("%s does not contain %q:\n%s", name, w, clip(string(b)))
					}
				}
			}
			if strings.Contains(r.Stderr, "panic") || strings.Contains(r.Stderr, "out of memory") {
				t.Errorf("crash:\n%s", clip(r.Stderr))
			}
		})
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}
