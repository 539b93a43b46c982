package schema

import (
	"fmt"
	"github.com/xuri/excelize/v2"
	"strconv"
	"strings"
)

// dictCols are the columns of a data-dictionary sheet (index or -1).
type dictCols struct {
	name, typ, length, precision, scale, required, nullable, optional, desc, format, enum, example, def, pk, unique, pattern int
}

func dictColumns(header []string) *dictCols {
	d := &dictCols{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
	for i, h := range header {
		k := strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(h)), " "))
		set := func(p *int) {
			if *p < 0 {
				*p = i
			}
		}
		switch k {
		case "field", "name", "column", "field name", "column name", "attribute", "element", "property", "api name":
			set(&d.name)
		case "type", "data type", "datatype", "field type", "column type":
			set(&d.typ)
		case "length", "max length", "maxlength", "size", "width", "max len":
			set(&d.length)
		case "precision":
			set(&d.precision)
		case "scale", "decimals", "decimal places":
			set(&d.scale)
		case "required", "mandatory", "req", "not null", "required?":
			set(&d.required)
		case "nullable", "null", "nulls allowed", "allow null", "null?":
			set(&d.nullable)
		case "optional":
			set(&d.optional)
		case "description", "definition", "comment", "comments", "notes", "business definition":
			set(&d.desc)
		case "format":
			set(&d.format)
		case "allowed values", "values", "enum", "valid values", "picklist values", "domain":
			set(&d.enum)
		case "example", "examples", "sample", "sample value":
			set(&d.example)
		case "default", "default value":
			set(&d.def)
		case "pk", "primary key", "key":
			set(&d.pk)
		case "unique":
			set(&d.unique)
		case "pattern", "regex":
			set(&d.pattern)
		}
	}
	if d.name < 0 || d.typ < 0 {
		return nil
	}
	return d
}

func cell(cols []string, i int) string {
	if i < 0 || i >= len(cols) {
		return ""
	}
	return strings.TrimSpace(cols[i])
}

func truthy(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "y", "yes", "true", "x", "1", "required", "mandatory", "not null", "pk":
		return true, true
	case "n", "no", "false", "0", "", "optional", "null", "nullable", "-":
		return false, s != ""
	}
	return false, false
}

func xlsxDictionary(src *source, sheet string, rows *excelize.Rows, headerRow int, d *dictCols) ([]*Field, error) {
	var top []*Field
	byPath := map[string]*Field{}
	p := &ddlParser{src: src, enums: map[string][]string{}, domains: map[string]domainDef{}}
	for rowNo := headerRow + 1; rows.Next(); rowNo++ {
		cols, err := rows.Columns()
		if err != nil {
			return nil, src.errorf(rowNo, 0, "sheet %s: %v", sheet, err)
		}
		name := cell(cols, d.name)
		if name == "" {
			if nonBlank(cols) {
				return nil, src.errorf(rowNo, d.name+1, "sheet %s: row without a field name in column %s; expected a name", sheet, colName(d.name))
			}
			continue
		}
		if len(byPath) >= maxFields {
			return nil, src.errorf(rowNo, 0, "sheet %s: more than %d fields", sheet, maxFields)
		}
		if _, dup := byPath[name]; dup {
			return nil, src.errorf(rowNo, d.name+1, "sheet %s: duplicate field %q", sheet, name)
		}
		f := &Field{Name: name, Path: name, Required: true, Origin: src.pos(rowNo, 0)}
		if err := dictType(p, f, cell(cols, d.typ)); err != nil {
			return nil, src.errorf(rowNo, d.typ+1, "sheet %s: field %s: %v", sheet, name, err)
		}
		num := func(col int, what string) (*int, error) {
			v := cell(cols, col)
			if v == "" {
				return nil, nil
			}
			n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
			if err != nil || n < 0 {
				return nil, src.errorf(rowNo, col+1, "sheet %s: field %s: %s %q is not a whole number", sheet, name, what, v)
			}
			return &n, nil
		}
		if l, err := num(d.length, "length"); err != nil {
			return nil, err
		} else if l != nil {
			if f.Type == Decimal && f.Precision == nil {
				f.Precision = l
			} else {
				f.MaxLength = l
			}
		}
		if v, err := num(d.precision, "precision"); err != nil {
			return nil, err
		} else if v != nil {
			f.Precision = v
		}
		if v, err := num(d.scale, "scale"); err != nil {
			return nil, err
		} else if v != nil {
			f.Scale = v
		}
		if b, ok := truthy(cell(cols, d.required)); ok {
			f.Required = b
			f.Nullable = !b
		}
		if b, ok := truthy(cell(cols, d.optional)); ok {
			f.Required = !b
			f.Nullable = b
		}
		if b, ok := truthy(cell(cols, d.nullable)); ok {
			f.Nullable = b
		}
		if b, ok := truthy(cell(cols, d.pk)); ok && b {
			f.PrimaryKey, f.Unique, f.Required, f.Nullable = true, true, true, false
		}
		if b, ok := truthy(cell(cols, d.unique)); ok && b {
			f.Unique = true
		}
		f.Description = cell(cols, d.desc)
		if v := cell(cols, d.format); v != "" {
			f.Format = v
		}
		f.Pattern = cell(cols, d.pattern)
		if f.Pattern != "" {
			note, err := checkPattern(f.Pattern)
			if err != nil {
				return nil, src.errorf(rowNo, d.pattern+1, "sheet %s: field %s: %v", sheet, name, err)
			}
			f.Description = joinDesc(f.Description, note)
		}
		if v := cell(cols, d.def); v != "" {
			f.Default = StrP(v)
		}
		if v := cell(cols, d.example); v != "" {
			f.Examples = []string{v}
		}
		if v := cell(cols, d.enum); v != "" {
			for _, e := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '|' || r == ';' || r == '\n' }) {
				if e = strings.TrimSpace(e); e != "" {
					f.EnumValues = append(f.EnumValues, e)
				}
			}
			if f.Type == String {
				f.Type = Enum
			}
		}
		// Dotted names build a tree: address.city under address.
		parent, leaf := splitParent(name)
		if parent == "" {
			top = append(top, f)
		} else {
			pf := byPath[parent]
			if pf == nil {
				return nil, src.errorf(rowNo, d.name+1, "sheet %s: field %s: parent %s is not declared above it", sheet, name, parent)
			}
			if pf.Type != Object && pf.Type != Array {
				return nil, src.errorf(rowNo, d.name+1, "sheet %s: field %s: parent %s is %s, expected object or array", sheet, name, parent, pf.Type)
			}
			f.Name = leaf
			pf.Children = append(pf.Children, f)
		}
		byPath[name] = f
	}
	if err := rows.Error(); err != nil {
		return nil, src.errorf(0, 0, "sheet %s: %v", sheet, err)
	}
	if len(top) == 0 {
		return nil, src.errorf(headerRow, 0, "sheet %s: data dictionary without fields; expected one row per field", sheet)
	}
	return top, nil
}

func splitParent(path string) (string, string) {
	if strings.HasSuffix(path, "[]") {
		return strings.TrimSuffix(path, "[]"), "[]"
	}
	i := strings.LastIndexByte(path, '.')
	if i <= 0 {
		return "", path
	}
	return path[:i], path[i+1:]
}

// dictType reads a data-dictionary type: seam type names, SQL types and
// the words business analysts use (Text, Number, Currency, Picklist...).
func dictType(p *ddlParser, f *Field, t string) error {
	lt := strings.ToLower(strings.TrimSpace(t))
	switch lt {
	case "":
		return fmt.Errorf("empty type; expected one of %s or a SQL type", typeList())
	case "text", "str", "varchar2", "textarea", "long text", "rich text", "url", "picklist (multi)", "multipicklist", "id", "reference", "lookup":
		f.Type = String
		if lt == "url" {
			f.Format = "uri"
		}
		return nil
	case "number", "numeric", "num":
		f.Type = Decimal
		return nil
	case "whole number", "int", "long":
		f.Type = Integer
		return nil
	case "currency", "money", "amount":
		f.Type, f.Format = Decimal, "money"
		return nil
	case "percent", "percentage":
		f.Type, f.Format = Decimal, "percent"
		return nil
	case "checkbox", "bool", "yes/no", "flag":
		f.Type = Boolean
		return nil
	case "datetime", "date/time", "date time":
		f.Type = Timestamp
		return nil
	case "picklist", "list", "choice", "dropdown":
		f.Type = Enum
		return nil
	case "email":
		f.Type, f.Format = String, "email"
		return nil
	case "phone":
		f.Type, f.Format = String, "phone"
		return nil
	}
	if err := parseTypeString(f, lt); err == nil {
		return nil
	}
	lx := newSQLLexer("", t)
	var toks []sqlTok
	for tk := lx.next(); tk.kind != tEOF; tk = lx.next() {
		toks = append(toks, tk)
	}
	if lx.err == nil && len(toks) > 0 {
		if st, err := p.parseType(&cursor{toks: toks}, f.Name); err == nil {
			if err := p.applyType(f, st, 0); err == nil {
				return nil
			}
		}
	}
	return fmt.Errorf("unknown type %q; expected one of %s, a SQL type, or Text/Number/Currency/Date/Checkbox/Picklist", t, typeList())
}
