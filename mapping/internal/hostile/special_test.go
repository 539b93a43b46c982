package hostile

// specialCases: every command that reads data, given a device or a
// directory, says so at once; an endless record in a regular file ends at
// the record bound (#20.2, #20.8). /dev/zero read as data never ended, or
// grew until the memory limit killed the process.
func specialCases() []hostileCase {
	const device = "/dev/zero: is a device, not a regular file"
	ok := all(write("s.yaml", []byte("seam_schema: 1\nname: s\nfields:\n  - {name: id, type: string}\n")),
		write("t.yaml", []byte(okTarget)), write("m.seam.yaml", []byte(mappingOver("s.yaml"))))
	var cs []hostileCase
	for _, format := range []string{"csv", "tsv", "jsonl", "json", "xlsx"} {
		cs = append(cs,
			hostileCase{name: "run --input /dev/zero --format " + format, files: ok,
				args: []string{"run", "-m", "m.seam.yaml", "-i", "/dev/zero", "--format", format, "-o", "out.csv"}, code: 2, want: []string{device}},
			hostileCase{name: "check --input /dev/zero --input-format " + format, files: ok,
				args: []string{"check", "-m", "m.seam.yaml", "--input", "/dev/zero", "--input-format", format}, code: 2, want: []string{device}})
	}
	return append(cs,
		hostileCase{name: "run --input a directory", files: ok,
			args: []string{"run", "-m", "m.seam.yaml", "-i", ".", "--format", "csv", "-o", "out.csv"}, code: 2, want: []string{".: is a directory, not a regular file"}},
		hostileCase{name: "suggest --sample-source /dev/zero", files: ok,
			args: []string{"suggest", "-s", "s.yaml", "-t", "t.yaml", "--sample-source", "/dev/zero"}, code: 2, want: []string{device}},
		hostileCase{name: "suggest --sample-target /dev/zero", files: ok,
			args: []string{"suggest", "-s", "s.yaml", "-t", "t.yaml", "--sample-target", "/dev/zero"}, code: 2, want: []string{device}},
		hostileCase{name: "tui --source /dev/zero", files: ok,
			args: []string{"tui", "--source", "/dev/zero", "--target", "t.yaml"}, code: 2, want: []string{device}},
		hostileCase{name: "tui --mapping /dev/zero", files: ok,
			args: []string{"tui", "--mapping", "/dev/zero"}, code: 2, want: []string{device}},
		hostileCase{name: "schema show /dev/zero --format csv", files: ok,
			args: []string{"schema", "show", "--format", "csv", "/dev/zero"}, code: 2, want: []string{device}},
		// Regular files that never end a record: bounded, named by line.
		hostileCase{name: "run --input, a 300 MB JSON Lines line", files: all(ok, repeat("d.jsonl", `{"id": "`, "x", 300<<20, "")),
			args: []string{"run", "-m", "m.seam.yaml", "-i", "d.jsonl", "-o", "out.csv"}, code: 2,
			want: []string{"d.jsonl:1: a record longer than 16 MiB"}},
		hostileCase{name: "run --input, a CSV quoted field never closed over 300 MB", files: all(ok, repeat("d.csv", "id\n\"", "abcdefgh\n", 300<<20/9, "")),
			args: []string{"run", "-m", "m.seam.yaml", "-i", "d.csv", "-o", "out.csv"}, code: 2,
			want: []string{"d.csv:2: a record longer than 16 MiB"}},
		hostileCase{name: "check --input, a 300 MB CSV line", files: all(ok, repeat("d.csv", "id\n", "x", 300<<20, "")),
			args: []string{"check", "-m", "m.seam.yaml", "--input", "d.csv"}, code: 2,
			want: []string{"d.csv:2: a record longer than 16 MiB"}},
		hostileCase{name: "run --input, a 400 MB JSON array", files: all(ok, sparse("d.json", `[{"id": "`, 400<<20)),
			args: []string{"run", "-m", "m.seam.yaml", "-i", "d.json", "-o", "out.csv"}, code: 2,
			want: []string{"d.json: file is larger than 256 MiB"}},
	)
}
