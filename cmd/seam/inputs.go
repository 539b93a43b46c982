package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/seamhq/seam/mapping"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/spf13/cobra"
)

// stdinName is how standard input is named in messages and origins.
const stdinName = "<stdin>"

// maxStdinDoc bounds a schema or mapping read from standard input.
const maxStdinDoc = 64 << 20

// readStdinDoc reads a whole document (a schema, a mapping) from stdin.
func readStdinDoc(e *env) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(e.stdin, maxStdinDoc+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", stdinName, err)
	}
	if len(b) > maxStdinDoc {
		return nil, fmt.Errorf("%s: more than %d bytes; write it to a file", stdinName, maxStdinDoc)
	}
	return b, nil
}

// loadSchema is schema.Load, with "-" (or "-#SELECTOR") reading standard
// input; its format is then told from the content.
func loadSchema(e *env, ref string, opts schema.Options) (*schema.Schema, error) {
	opts.AllowPaths = append(opts.AllowPaths, e.allowPaths...)
	if ref != "-" && !strings.HasPrefix(ref, "-#") {
		return schema.Load(ref, opts)
	}
	data, err := readStdinDoc(e)
	if err != nil {
		return nil, err
	}
	return schema.Parse(stdinName+strings.TrimPrefix(ref, "-"), data, opts)
}

// loadMapping is mapping.Load, with "-" reading the mapping from standard
// input (its schema references are then relative to the working
// directory).
func loadMapping(e *env, path string) (*mapping.Mapping, error) {
	if path != "-" {
		m, err := mapping.LoadWith(path, mapping.LoadOptions{AllowPaths: e.allowPaths})
		return m, usageErr(err)
	}
	data, err := readStdinDoc(e)
	if err != nil {
		return nil, usageErr(err)
	}
	m, err := mapping.Parse(stdinName, data)
	if err != nil {
		return nil, usageErr(err)
	}
	m.Path = ""
	m.AllowPaths = e.allowPaths
	if err := m.LoadLookupFiles(); err != nil {
		return nil, usageErr(err)
	}
	return m, nil
}

// loadMappingSchemas is loadMapping followed by the mapping's source and
// target schemas. outs, the command's outputs, must not name a file the
// mapping reads (mappingFiles): that is an exit-2 error.
func loadMappingSchemas(e *env, path string, outs []flagPath) (m *mapping.Mapping, src, dst *schema.Schema, err error) {
	if m, err = loadMapping(e, path); err != nil {
		return nil, nil, nil, err
	}
	if src, dst, err = m.LoadSchemas(schema.Options{}); err != nil {
		return nil, nil, nil, usageErr(err)
	}
	if err := distinctFiles(mappingFiles(m, src, dst), outs); err != nil {
		return nil, nil, nil, err
	}
	return m, src, dst, nil
}

// openData opens a data file for reading and decides its format: the
// flag's value, else the extension, else, for standard input ("-"), the
// content (sniffFormat).
func openData(e *env, path, format, flag string) (io.ReadCloser, string, error) {
	if format == "" && path != "-" {
		format = value.FormatFromPath(path)
		if format == "" {
			return nil, "", usagef("%s: cannot tell the data format from the extension; use %s csv|tsv|jsonl|json|xlsx", path, flag)
		}
	}
	in, err := openInput(e, path)
	if err != nil {
		return nil, "", usageErr(err)
	}
	if format != "" {
		return in, format, nil
	}
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(8 << 10)
	format = sniffFormat(head)
	if format == "" {
		in.Close()
		return nil, "", usagef("%s: cannot tell the data format from the content; use %s csv|tsv|jsonl|json|xlsx", stdinName, flag)
	}
	return readCloser{br, in}, format, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// sniffFormat tells a data format from the first bytes: a ZIP header is
// XLSX, '[' a JSON array, '{' JSON Lines; otherwise the first line's tabs
// against commas decide TSV or CSV. Empty input gives "".
func sniffFormat(head []byte) string {
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return "xlsx"
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 {
		return ""
	}
	switch t[0] {
	case '[':
		return "json"
	case '{':
		return "jsonl"
	}
	line := t
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if bytes.Count(line, []byte("\t")) > bytes.Count(line, []byte(",")) {
		return "tsv"
	}
	return "csv"
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// refuseBinaryToTerminal refuses to send XLSX (binary) to a terminal: it
// would fill the screen with bytes that may change the terminal's state.
func refuseBinaryToTerminal(e *env, format, out string) error {
	if format == "xlsx" && (out == "" || out == "-") && isTerminal(e.stdout) {
		return usagef("xlsx is binary and stdout is a terminal: use -o FILE.xlsx (or redirect stdout)")
	}
	return nil
}

// completeFormats registers shell completion for data-format flags.
func completeFormats(cmd *cobra.Command, flags ...string) {
	for _, f := range flags {
		_ = cmd.RegisterFlagCompletionFunc(f, cobra.FixedCompletions([]string{"csv", "tsv", "jsonl", "json", "xlsx"}, cobra.ShellCompDirectiveNoFileComp))
	}
}

// completeFixed registers shell completion of a flag from fixed values.
func completeFixed(cmd *cobra.Command, flag string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// completeSchemaRef completes FILE#SELECTOR arguments: after "FILE#" it
// offers the tables, sheets or components of FILE (the candidates of the
// loader's selector error); before it, file names.
func completeSchemaRef(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	i := strings.LastIndexByte(toComplete, '#')
	if i < 0 {
		return nil, cobra.ShellCompDirectiveDefault
	}
	return selectorCandidates(toComplete[:i]), cobra.ShellCompDirectiveNoFileComp
}

// selectorCandidates lists "FILE#NAME" for every table, sheet or
// component of file; nil when there is none or file cannot be read.
func selectorCandidates(file string) []string {
	// A selector no schema has makes the loader list the candidates.
	_, err := schema.Load(file+"#\x00", schema.Options{SampleRows: 1})
	var se *schema.SelectorError
	if !errors.As(err, &se) {
		return nil
	}
	out := make([]string, len(se.Candidates))
	for i, c := range se.Candidates {
		out[i] = file + "#" + c
	}
	return out
}
