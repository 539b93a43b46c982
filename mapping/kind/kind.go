// Package kind is seam's vocabulary of finding kinds: the stable names of
// SPEC.md's findings table, plus the few seam adds where no SPEC kind fits.
// Every package that raises or compares a kind (transform, engine, check,
// the TUI) uses these constants; no kind is spelled as a string elsewhere.
package kind

// Kind is the stable name of one kind of finding ("narrowing",
// "coercion_failure"). It is what reports, acknowledgements and row
// errors carry.
type Kind string

// The kinds of SPEC.md's findings table, in its order.
const (
	UnmappedRequired     Kind = "unmapped_required"
	DroppedSource        Kind = "dropped_source"
	UnknownField         Kind = "unknown_field"
	TypeIncompatible     Kind = "type_incompatible"
	Narrowing            Kind = "narrowing"
	NullableIntoRequired Kind = "nullable_into_required"
	EnumUncovered        Kind = "enum_uncovered"
	NameSemantics        Kind = "name_semantics"
	UnitMismatch         Kind = "unit_mismatch"
	TimezoneLoss         Kind = "timezone_loss"
	Collision            Kind = "collision"
	CoercionFailure      Kind = "coercion_failure"
	Truncation           Kind = "truncation"
	PrecisionLoss        Kind = "precision_loss"
	RangeViolation       Kind = "range_violation"
	PatternViolation     Kind = "pattern_violation"
	FormatViolation      Kind = "format_violation"
	EnumViolation        Kind = "enum_violation"
	NullIntoRequired     Kind = "null_into_required"
	DuplicateKey         Kind = "duplicate_key"
	Drift                Kind = "drift"
	Polarity             Kind = "polarity"
	CodeAsNumber         Kind = "code_as_number"
	LookupMiss           Kind = "lookup_miss"
	ReadonlyTarget       Kind = "readonly_target"
	IdentityMisuse       Kind = "identity_misuse"
	CurrencyDropped      Kind = "currency_dropped"
	FloatMoney           Kind = "float_money"
	EncodingLoss         Kind = "encoding_loss"
	EmptyVsNull          Kind = "empty_vs_null"
	InvariantBroken      Kind = "invariant_broken"
	DistributionShift    Kind = "distribution_shift"
	SensitiveData        Kind = "sensitive_data"
)

// Kinds seam adds where no SPEC kind fits.
const (
	// Cardinality (D08): an array feeds a scalar target, so every element
	// but one is dropped.
	Cardinality Kind = "cardinality"
	// Split (D07): one source value is split into several targets (full
	// name into first and last name).
	Split Kind = "split"
	// ValueTooLarge: a rule built a value beyond 16 MiB
	// (transform.MaxValueBytes) on a row; the row went to on_error.
	ValueTooLarge Kind = "value_too_large"
	// MalformedRow: the reader could not make a row of a data record (a CSV
	// record with more or fewer fields than the header). It concerns the
	// whole record, so its findings and rejects name no rule and no target.
	MalformedRow Kind = "malformed_row"
	// ParentRejected: a child row (a target with parent:) whose parent row,
	// from the same record and element, was rejected; the child row is
	// rejected too, so no child row is written without its parent.
	ParentRejected Kind = "parent_rejected"
	// CompileError: a rule's expression or fields do not compile. The rule
	// writes nothing; the other rules still run on the data.
	CompileError Kind = "compile_error"
	// CodeSystem (D26): the values change code system through the rule
	// (an ISO code into a column of country names, a name cut to two
	// letters that reads as a code: Germany becomes GE).
	CodeSystem Kind = "code_system"
	// ContractViolation: a source value breaks the source schema's own
	// contract (a null in a required field, a wrong type in a typed one).
	// A problem of the source, not of the mapping: synthetic rows carry
	// such cases only under their own label, and check reports them apart.
	ContractViolation Kind = "contract_violation"
)

// Info documents one kind.
type Info struct {
	Kind Kind
	// Static and Data say which detectors can raise it.
	Static, Data bool
	// Detectors are the D-ids of EDGE_CASES_AND_MISMATCHES.md that map
	// onto the kind.
	Detectors []string
	// Doc is the one-line description reports print.
	Doc string
}

var table = []Info{
	{UnmappedRequired, true, false, []string{"D01"}, "a required target field has no rule"},
	{DroppedSource, true, false, []string{"D02"}, "a source field feeds nothing and is not in ignore_source"},
	{UnknownField, true, false, []string{"D03"}, "a rule names a field that the schema lacks"},
	{TypeIncompatible, true, false, []string{"D10"}, "the rule's result type cannot become the target type"},
	{Narrowing, true, false, []string{"D11", "D12", "D15"}, "target is smaller: length, integer width, decimal scale/precision"},
	{NullableIntoRequired, true, false, []string{"D19"}, "a nullable source feeds a required target with no default"},
	{EnumUncovered, true, false, []string{"D22"}, "source enum values with no target value or lookup entry"},
	{NameSemantics, true, false, []string{"D33"}, "linked names mean different things"},
	{UnitMismatch, true, true, []string{"D29"}, "units differ: cents vs currency units, ms vs s, percent vs fraction"},
	{TimezoneLoss, true, true, []string{"D31"}, "a zoned timestamp lands in a zoneless or date field"},
	{Collision, true, true, []string{"D06"}, "two rules write one target, or distinct sources collapse to one value"},
	{CoercionFailure, false, true, []string{"D10"}, "a value did not parse as the target type"},
	{Truncation, true, true, []string{"D15"}, "a value is longer than the target allows"},
	{PrecisionLoss, true, true, []string{"D12"}, "rounding or float conversion changed a value"},
	{RangeViolation, false, true, []string{"D11", "D24"}, "a value is outside the target's bounds"},
	{PatternViolation, false, true, []string{"D25"}, "a value does not match the target pattern"},
	{FormatViolation, false, true, []string{"D25"}, "a value fails the target format"},
	{EnumViolation, false, true, []string{"D22"}, "a value is not in the target's allowed set"},
	{NullIntoRequired, false, true, []string{"D19"}, "a null or absent value reached a required target"},
	{DuplicateKey, false, true, []string{"D27"}, "a unique or primary-key target repeats"},
	{Drift, true, false, []string{"D38"}, "a schema no longer matches the fingerprint in the mapping"},
	{Polarity, true, true, []string{"D32"}, "opposite booleans linked without negation"},
	{CodeAsNumber, true, true, []string{"D14"}, "a code-like value cast to a number: leading zeros lost"},
	{LookupMiss, true, true, []string{"D28"}, "a value has no entry in the rule's lookup table (static: a reference fed without one)"},
	{ReadonlyTarget, true, false, []string{"D04"}, "a write to a system or generated field"},
	{IdentityMisuse, true, false, []string{"D05"}, "a source key sent into the target's own key"},
	{CurrencyDropped, true, true, []string{"D30"}, "an amount mapped without its currency"},
	{FloatMoney, true, false, []string{"D13"}, "money typed as float on either side"},
	{EncodingLoss, true, true, []string{"D16"}, "characters the target charset cannot hold"},
	{EmptyVsNull, false, true, []string{"D20"}, "empty strings where the target means null"},
	{InvariantBroken, false, true, []string{"D34"}, "a cross-field rule true in the source fails in the output"},
	{DistributionShift, false, true, []string{"D35"}, "statistics change through the mapping"},
	{SensitiveData, true, false, []string{"D37"}, "personal data flows into a field not marked for it"},
	{Cardinality, true, false, []string{"D08"}, "an array feeds a scalar target: all elements but one are lost"},
	{Split, true, false, []string{"D07"}, "one source value split into several targets"},
	{ValueTooLarge, false, true, nil, "a rule built a value beyond 16 MiB (doubling a field, a replace that multiplies)"},
	{MalformedRow, false, true, nil, "a data record the reader could not make a row of (more or fewer fields than the header)"},
	{ParentRejected, false, true, nil, "a child row rejected because its parent row was rejected"},
	{CompileError, true, false, nil, "a rule does not compile: it writes nothing, the other rules still run"},
	{CodeSystem, true, true, []string{"D26"}, "values change code system: ISO codes into names, names cut into codes"},
	{ContractViolation, false, true, nil, "a source value breaks the source schema (a source problem, not a mapping problem)"},
}

var index = func() map[Kind]int {
	m := make(map[Kind]int, len(table))
	for i, in := range table {
		m[in.Kind] = i
	}
	return m
}()

// All returns every kind's Info in SPEC.md's order, then seam's additions.
// The slice is a copy.
func All() []Info { return append([]Info(nil), table...) }

// Known reports whether k is one of the kinds.
func (k Kind) Known() bool { _, ok := index[k]; return ok }

// Doc returns the kind's one-line description, "" for an unknown kind.
func (k Kind) Doc() string {
	if i, ok := index[k]; ok {
		return table[i].Doc
	}
	return ""
}

// Detector returns the last D-id the kind maps onto, "" when none.
func (k Kind) Detector() string {
	if i, ok := index[k]; ok && len(table[i].Detectors) > 0 {
		d := table[i].Detectors
		return d[len(d)-1]
	}
	return ""
}

// String returns the kind's name.
func (k Kind) String() string { return string(k) }
