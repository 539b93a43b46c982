package synth

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/brianvoe/gofakeit/v6"
	"github.com/seamhq/seam/mapping/schema"
	"github.com/seamhq/seam/mapping/value"
	"github.com/seamhq/seam/synth/edge"
	"github.com/shopspring/decimal"
)

// genFunc draws one realistic value; occ is the 0-based occurrence of the
// field (the row index for top-level fields), used for sequential keys.
type genFunc func(f *gofakeit.Faker, occ int64) value.Value

var (
	dateLo    = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	birthLo   = time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
	createdLo = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	updatedLo = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	tsHi      = time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)
	dateSpan  = int(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC).Sub(dateLo) / (24 * time.Hour))
	birthSpan = int(time.Date(2006, 12, 31, 0, 0, 0, 0, time.UTC).Sub(birthLo) / (24 * time.Hour))
	alpha3    = []string{"USA", "CAN", "MEX", "GBR", "FRA", "DEU", "ESP", "ITA", "NLD", "SWE", "POL", "IRL",
		"JPN", "CHN", "IND", "AUS", "NZL", "BRA", "ARG", "ZAF", "NGA", "EGY", "KOR", "SGP", "CHE", "AUT", "BEL", "PRT"}
	statusPool = []string{"active", "pending", "inactive", "closed", "archived"}
	zones      = []*time.Location{time.UTC, time.FixedZone("EST", -5*3600), time.FixedZone("CET", 3600),
		time.FixedZone("IST", 5*3600+1800), time.FixedZone("PST", -8*3600), time.FixedZone("JST", 9*3600)}
)

// sequential reports a key field whose values must not repeat: a primary
// key, a unique or generated field, or an id named after the record.
func sequential(f *schema.Field, m meaning, first bool) bool {
	if f.PrimaryKey || f.Generated {
		return true
	}
	if f.Unique {
		// unique text with a meaning (email, username) stays realistic and
		// is made unique by uniqueText instead
		return f.Type == schema.Integer || m == mID || m == mNone || m == mCode
	}
	if m != mID {
		return false
	}
	n := strings.ToLower(f.Name)
	return n == "id" || (first && strings.HasSuffix(n, "id"))
}

// realistic returns the realistic generator for leaf field f; first says
// it is the first field of its record.
func realistic(f *schema.Field, first bool) genFunc {
	m := classify(f)
	seq := sequential(f, m, first)
	if g := hintGen(f, m); g != nil {
		return g // the schema says how its values look
	}
	if unit := epochUnit(f, m); unit > 0 && !seq {
		if g := epochGen(f, m, unit); g != nil {
			return g
		}
	}
	if g := examplesGen(f, m); g != nil {
		return g
	}
	switch f.Type {
	case schema.Enum:
		return enumGen(f.EnumValues)
	case schema.UUID:
		return func(fk *gofakeit.Faker, _ int64) value.Value { return value.Str(fk.UUID()) }
	case schema.Boolean:
		return func(fk *gofakeit.Faker, _ int64) value.Value { return value.BoolV(fk.Rand.Intn(2) == 1) }
	case schema.Integer:
		return intGen(f, m, seq)
	case schema.Decimal:
		return decimalGen(f, m)
	case schema.Float:
		return floatGen(f, m)
	case schema.Date:
		lo, span := dateLo, dateSpan
		if m == mBirthDate {
			lo, span = birthLo, birthSpan
		}
		return func(fk *gofakeit.Faker, _ int64) value.Value {
			return value.TimeV(value.Date, lo.AddDate(0, 0, fk.Rand.Intn(span+1)))
		}
	case schema.Time:
		return func(fk *gofakeit.Faker, _ int64) value.Value {
			s := fk.Rand.Intn(86400)
			return value.TimeV(value.Time, time.Date(0, 1, 1, s/3600, s/60%60, s%60, 0, time.UTC))
		}
	case schema.Timestamp, schema.TimestampTZ:
		lo := createdLo
		if m == mUpdated {
			lo = updatedLo
		}
		span := int64(tsHi.Sub(lo) / time.Second)
		zonedT := f.Type == schema.TimestampTZ
		return func(fk *gofakeit.Faker, _ int64) value.Value {
			t := lo.Add(time.Duration(fk.Rand.Int63n(span+1)) * time.Second)
			if zonedT {
				return value.TimeV(value.TimestampTZ, t.In(zones[fk.Rand.Intn(len(zones))]))
			}
			return value.TimeV(value.Timestamp, t)
		}
	case schema.Binary:
		return func(fk *gofakeit.Faker, _ int64) value.Value {
			b := make([]byte, 16)
			for i := range b {
				b[i] = byte(fk.Rand.Intn(256))
			}
			return value.Value{K: value.Bytes, S: string(b)}
		}
	default:
	}
	return stringGen(f, m, seq)
}

func enumGen(members []string) genFunc {
	if len(members) == 0 {
		return func(*gofakeit.Faker, int64) value.Value { return value.Str("") }
	}
	vals := make([]value.Value, len(members))
	for i, m := range members {
		vals[i] = value.Str(m)
	}
	return func(fk *gofakeit.Faker, _ int64) value.Value { return vals[fk.Rand.Intn(len(vals))] }
}

// span returns the realistic range for a meaning.
func span(m meaning) (lo, hi float64) {
	switch m {
	case mID:
		return 1, 500000
	case mQuantity:
		return 1, 20
	case mAge:
		return 18, 90
	case mYear:
		return 1950, 2025
	case mCents:
		return 1, 9999999
	case mAmount:
		return 1, 5000
	case mPercent:
		return 0, 0.5
	case mRate:
		return 0, 1
	case mLatitude:
		return -90, 90
	case mLongitude:
		return -180, 180
	case mBool:
		return 0, 1
	case mCreated, mUpdated, mTimestamp:
		return float64(createdLo.Unix()), float64(tsHi.Unix())
	default:
	}
	return 0, 100000
}

// clampRange intersects [lo,hi] with [flo,fhi]; when they do not overlap
// the field's own range wins.
func clampRange(lo, hi, flo, fhi float64) (float64, float64) {
	a, b := math.Max(lo, flo), math.Min(hi, fhi)
	if a > b {
		a, b = flo, math.Min(fhi, flo+math.Max(hi-lo, 1))
	}
	return a, b
}

func intGen(f *schema.Field, m meaning, seq bool) genFunc {
	flo, fhi := edge.IntRange(f)
	if seq {
		base := int64(1)
		if flo > 1 {
			base = flo
		}
		return func(_ *gofakeit.Faker, occ int64) value.Value {
			v := base + occ
			if v > fhi || v < base { // wrapped past the field's width
				v = base + occ%(fhi-base+1)
			}
			return value.IntV(v)
		}
	}
	lo, hi := span(m)
	a, b := clampRange(lo, hi, float64(flo), float64(fhi))
	ia, ib := int64(a), int64(b)
	if float64(ib) > float64(fhi) {
		ib = fhi
	}
	if ia < flo {
		ia = flo
	}
	n := ib - ia + 1
	return func(fk *gofakeit.Faker, _ int64) value.Value {
		if n <= 0 {
			return value.IntV(ia)
		}
		return value.IntV(ia + fk.Rand.Int63n(n))
	}
}

func decimalGen(f *schema.Field, m meaning) genFunc {
	s := 2
	if f.Scale != nil {
		s = *f.Scale
	} else if f.ObservedScale != nil {
		s = *f.ObservedScale // a sample's digits: realistic, not a limit
	}
	lo, hi := span(m)
	flo, fhi := -1e15, 1e15
	if max, ok := edge.DecimalMax(f); ok {
		mf, _ := max.Float64()
		flo, fhi = -mf, mf
	}
	if f.Min != nil {
		flo = math.Max(flo, *f.Min)
	}
	if f.Max != nil {
		fhi = math.Min(fhi, *f.Max)
	}
	a, b := clampRange(lo, hi, flo, fhi)
	scale := math.Pow10(s)
	ua, ub := int64(math.Ceil(a*scale)), int64(math.Floor(b*scale))
	n := ub - ua + 1
	if m == mPercent && s >= 2 {
		// discounts come in round steps: 0.05, 0.10, ...
		steps := []int64{0, 5, 10, 15, 20, 25, 50}
		var ok []value.Value
		for _, st := range steps {
			u := st * int64(math.Pow10(s-2))
			if u >= ua && u <= ub {
				ok = append(ok, value.Dec(decimal.New(u, int32(-s))))
			}
		}
		if len(ok) > 0 {
			return func(fk *gofakeit.Faker, _ int64) value.Value { return ok[fk.Rand.Intn(len(ok))] }
		}
	}
	if m == mQuantity && b-a >= 1 {
		// a quantity is whole, whatever the column's scale: 3, not 3.27
		wa, wb := int64(math.Ceil(a)), int64(math.Floor(b))
		return func(fk *gofakeit.Faker, _ int64) value.Value {
			return value.Dec(decimal.New(wa+fk.Rand.Int63n(wb-wa+1), 0))
		}
	}
	return func(fk *gofakeit.Faker, _ int64) value.Value {
		if n <= 0 {
			return value.Dec(decimal.New(ua, int32(-s)))
		}
		return value.Dec(decimal.New(ua+fk.Rand.Int63n(n), int32(-s)))
	}
}

func floatGen(f *schema.Field, m meaning) genFunc {
	lo, hi := span(m)
	flo, fhi := -1e12, 1e12
	if f.Min != nil {
		flo = *f.Min
	}
	if f.Max != nil {
		fhi = *f.Max
	}
	a, b := clampRange(lo, hi, flo, fhi)
	step := 1e6 // six decimals
	if m == mPercent && a <= 0 && b >= 0.5 {
		// discounts come in round steps, as in decimalGen
		steps := []float64{0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5}
		return func(fk *gofakeit.Faker, _ int64) value.Value { return value.FloatV(steps[fk.Rand.Intn(len(steps))]) }
	}
	switch {
	case m == mQuantity && b-a >= 1:
		step = 1 // whole quantities
	case m == mAmount && b-a >= 0.01:
		step = 100 // money in cents
	}
	return func(fk *gofakeit.Faker, _ int64) value.Value {
		x := a + fk.Rand.Float64()*(b-a)
		r := math.Round(x*step) / step
		if r < a || r > b {
			r = x
		}
		return value.FloatV(r)
	}
}

// text returns the realistic text generator for a meaning.
func text(f *schema.Field, m meaning, seq bool) func(fk *gofakeit.Faker, occ int64) string {
	max := -1
	if f.MaxLength != nil {
		max = *f.MaxLength
	}
	if seq {
		return func(_ *gofakeit.Faker, occ int64) string { return strconv.FormatInt(occ+1, 10) }
	}
	switch m {
	case mFirstName, mMiddleName:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.FirstName() }
	case mLastName:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.LastName() }
	case mFullName:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Name() }
	case mUsername:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Username() }
	case mPassword:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Password(true, true, true, false, false, 14) }
	case mEmail:
		if max >= 0 {
			return func(fk *gofakeit.Faker, _ int64) string { return fitEmail(fk.Email(), max) }
		}
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Email() }
	case mPhone:
		if max >= 0 && max < 13 {
			return func(fk *gofakeit.Faker, _ int64) string { return fk.Phone() }
		}
		return func(fk *gofakeit.Faker, _ int64) string { return fk.PhoneFormatted() }
	case mStreet:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Street() }
	case mAddressLine2:
		return func(fk *gofakeit.Faker, _ int64) string { return "Apt " + fk.Numerify("###") }
	case mCity:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.City() }
	case mState:
		if (max >= 0 && max <= 3) || wordsOf(f).has("code", "abbr") {
			return func(fk *gofakeit.Faker, _ int64) string { return fk.StateAbr() }
		}
		return func(fk *gofakeit.Faker, _ int64) string { return fk.State() }
	case mZip:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Zip() }
	case mCountry:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Country() }
	case mCountryCode:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.CountryAbr() }
	case mCountryCode3:
		return func(fk *gofakeit.Faker, _ int64) string { return alpha3[fk.Rand.Intn(len(alpha3))] }
	case mPhoneE164:
		return func(fk *gofakeit.Faker, _ int64) string { return "+1" + fk.Numerify("##########") }
	case mCurrency:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.CurrencyShort() }
	case mCompany:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Company() }
	case mJobTitle:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.JobTitle() }
	case mURL:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.URL() }
	case mDomain:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.DomainName() }
	case mIP:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.IPv4Address() }
	case mUUID:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.UUID() }
	case mID:
		return func(fk *gofakeit.Faker, _ int64) string { return strconv.Itoa(1 + fk.Rand.Intn(500000)) }
	case mCode:
		return func(fk *gofakeit.Faker, _ int64) string {
			return strings.ToUpper(fk.Lexify("???")) + "-" + fk.Numerify("####")
		}
	case mText:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Sentence(3 + fk.Rand.Intn(8)) }
	case mTitle:
		return func(fk *gofakeit.Faker, _ int64) string {
			return strings.TrimSuffix(fk.Sentence(2+fk.Rand.Intn(4)), ".")
		}
	case mGender:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Gender() }
	case mColor:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.Color() }
	case mLanguage:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.LanguageAbbreviation() }
	case mTimezone:
		return func(fk *gofakeit.Faker, _ int64) string { return fk.TimeZoneRegion() }
	case mStatus:
		return func(fk *gofakeit.Faker, _ int64) string { return statusPool[fk.Rand.Intn(len(statusPool))] }
	case mLatitude, mLongitude, mRate:
		g := floatGen(&schema.Field{}, m)
		return func(fk *gofakeit.Faker, occ int64) string { return g(fk, occ).Text() }
	case mPercent:
		steps := []string{"0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.50"}
		return func(fk *gofakeit.Faker, _ int64) string { return steps[fk.Rand.Intn(len(steps))] }
	case mAmount:
		g := decimalGen(&schema.Field{Scale: schema.IntP(2)}, m)
		return func(fk *gofakeit.Faker, occ int64) string { return g(fk, occ).D.StringFixed(2) }
	case mCents, mQuantity, mAge, mYear:
		lo, hi := span(m)
		a, n := int(lo), int(hi-lo)+1
		return func(fk *gofakeit.Faker, _ int64) string { return strconv.Itoa(a + fk.Rand.Intn(n)) }
	case mBirthDate, mDate:
		g := realistic(&schema.Field{Name: f.Name, Type: schema.Date}, false)
		layout := dateLayout(f)
		return func(fk *gofakeit.Faker, occ int64) string { return formatDate(g(fk, occ).T, layout) }
	case mCreated, mUpdated, mTimestamp:
		g := realistic(&schema.Field{Name: f.Name, Type: schema.TimestampTZ}, false)
		return func(fk *gofakeit.Faker, occ int64) string { return g(fk, occ).Text() }
	case mBool:
		return func(fk *gofakeit.Faker, _ int64) string { return strconv.FormatBool(fk.Rand.Intn(2) == 1) }
	default:
	}
	return func(fk *gofakeit.Faker, _ int64) string { return fk.Word() }
}

// stringGen draws text by meaning and keeps it inside the field's enum,
// pattern and length limits.
func stringGen(f *schema.Field, m meaning, seq bool) genFunc {
	if len(f.EnumValues) > 0 {
		return enumGen(f.EnumValues)
	}
	base := text(f, m, seq)
	if f.Unique && !seq {
		base = uniqueText(base, m)
	}
	re := edge.Pattern(f.Pattern)
	if f.Pattern == "" {
		re = nil
	}
	max, min := -1, 0
	if f.MaxLength != nil {
		max = *f.MaxLength
	}
	if f.MinLength != nil {
		min = *f.MinLength
	}
	plain := re == nil && max < 0 && min == 0
	if plain {
		return func(fk *gofakeit.Faker, occ int64) value.Value { return value.Str(base(fk, occ)) }
	}
	fit := func(fk *gofakeit.Faker, s string) string {
		if max >= 0 && utf8.RuneCountInString(s) > max {
			s = strings.TrimRight(edge.TruncRunes(s, max), " ")
		}
		if n := utf8.RuneCountInString(s); n < min {
			s += fk.LetterN(uint(min - n))
		}
		return s
	}
	misses := 0 // patterns gofakeit cannot satisfy stop being retried
	return func(fk *gofakeit.Faker, occ int64) value.Value {
		s := fit(fk, base(fk, occ))
		if re != nil && misses < 4 && !re.MatchString(s) {
			for try := 0; try < 8; try++ {
				c := fk.Regex(f.Pattern)
				if re.MatchString(c) && (max < 0 || utf8.RuneCountInString(c) <= max) && utf8.RuneCountInString(c) >= min {
					return value.Str(c)
				}
			}
			misses++
		}
		return value.Str(s)
	}
}

// fitEmail shortens an address to max bytes by cutting its local part
// (and, when even that is not enough, by a short domain), so it stays an
// address instead of losing its domain to truncation.
func fitEmail(s string, max int) string {
	if len(s) <= max {
		return s
	}
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return s
	}
	local, domain := s[:at], s[at+1:]
	if len(domain)+2 > max {
		domain = "ex.io"
	}
	keep := max - len(domain) - 1
	if keep < 1 {
		return s // no address fits; the length limit wins in stringGen
	}
	if keep < len(local) {
		local = strings.TrimRight(local[:keep], ".")
	}
	return local + "@" + domain
}

// uniqueText makes a meaning-based generator unique by weaving in the
// occurrence number: jane.doe17@x.com, jdoe17, "Acme Inc 17".
func uniqueText(base func(*gofakeit.Faker, int64) string, m meaning) func(*gofakeit.Faker, int64) string {
	return func(fk *gofakeit.Faker, occ int64) string {
		s := base(fk, occ)
		n := strconv.FormatInt(occ+1, 10)
		if m == mEmail {
			if at := strings.IndexByte(s, '@'); at > 0 {
				return s[:at] + n + s[at:]
			}
		}
		if m == mUsername {
			return s + n
		}
		return s + " " + n
	}
}
