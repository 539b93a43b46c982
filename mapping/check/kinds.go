package check

// Finding kinds: the stable names of SPEC.md's table, plus three seam adds
// where no SPEC kind fits (Cardinality for D08, Split for D07,
// ValueTooLarge for a rule building a value past the engine's bound,
// MalformedRow for a record the reader could not split).
const (
	UnmappedRequired     = "unmapped_required"
	DroppedSource        = "dropped_source"
	UnknownField         = "unknown_field"
	TypeIncompatible     = "type_incompatible"
	Narrowing            = "narrowing"
	NullableIntoRequired = "nullable_into_required"
	EnumUncovered        = "enum_uncovered"
	NameSemantics        = "name_semantics"
	UnitMismatch         = "unit_mismatch"
	TimezoneLoss         = "timezone_loss"
	Collision            = "collision"
	CoercionFailure      = "coercion_failure"
	Truncation           = "truncation"
	PrecisionLoss        = "precision_loss"
	RangeViolation       = "range_violation"
	PatternViolation     = "pattern_violation"
	FormatViolation      = "format_violation"
	EnumViolation        = "enum_violation"
	NullIntoRequired     = "null_into_required"
	DuplicateKey         = "duplicate_key"
	Drift                = "drift"
	Polarity             = "polarity"
	CodeAsNumber         = "code_as_number"
	LookupMiss           = "lookup_miss"
	ReadonlyTarget       = "readonly_target"
	IdentityMisuse       = "identity_misuse"
	CurrencyDropped      = "currency_dropped"
	FloatMoney           = "float_money"
	EncodingLoss         = "encoding_loss"
	EmptyVsNull          = "empty_vs_null"
	InvariantBroken      = "invariant_broken"
	DistributionShift    = "distribution_shift"
	SensitiveData        = "sensitive_data"
	// Cardinality (D08, added by seam): an array feeds a scalar target, so
	// every element but one is dropped.
	Cardinality = "cardinality"
	// Split (D07, added by seam): one source value is split into several
	// targets (full name into first and last name).
	Split = "split"
	// ValueTooLarge (added by seam): a rule built a value beyond 16 MiB
	// (transform.MaxValueBytes) on a row; the row went to on_error.
	ValueTooLarge = "value_too_large"
	// MalformedRow (added by seam): the reader could not make a row of a
	// data record (a CSV record with more or fewer fields than the
	// header). It concerns the whole record, so its findings and rejects
	// name no rule and no target; examples show the record's fields.
	MalformedRow = "malformed_row"
)

// KindInfo documents one kind.
type KindInfo struct {
	Kind string
	// Static and Data say which detectors can raise it.
	Static, Data bool
	// Detectors are the D-ids that map onto the kind.
	Detectors []string
	Doc       string
}

// Kinds lists every kind this package raises, in SPEC.md's order.
var Kinds = []KindInfo{
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
	{Truncation, false, true, []string{"D15"}, "a value is longer than the target allows"},
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
}

// KindDoc returns the one-line description of a kind, "" when unknown.
func KindDoc(kind string) string {
	for _, k := range Kinds {
		if k.Kind == kind {
			return k.Doc
		}
	}
	return ""
}
