package schema

import (
	"bufio"
	"io"
)

func loadJSONL(src *source, r *bufio.Reader) (*Schema, error) { return nil, src.errorf(0, 0, "todo") }
func loadXLSX(src *source, r io.Reader, size int64) (*Schema, error) {
	return nil, src.errorf(0, 0, "todo")
}
func loadOpenAPI(src *source, data []byte) (*Schema, error)    { return nil, src.errorf(0, 0, "todo") }
func loadJSONSample(src *source, data []byte) (*Schema, error) { return nil, src.errorf(0, 0, "todo") }
func loadDDL(src *source, data []byte) (*Schema, error)        { return nil, src.errorf(0, 0, "todo") }
func loadAvro(src *source, data []byte) (*Schema, error)       { return nil, src.errorf(0, 0, "todo") }
func loadSeamYAML(src *source, data []byte) (*Schema, error)   { return nil, src.errorf(0, 0, "todo") }
func loadDBT(src *source, data []byte) (*Schema, error)        { return nil, src.errorf(0, 0, "todo") }
