package synth

import (
	"strings"

	"github.com/seamhq/seam/mapping/schema"
)

// meaning is what a field holds, read from its name, path, type and format.
type meaning int

const (
	mNone meaning = iota
	mFirstName
	mLastName
	mMiddleName
	mFullName
	mUsername
	mPassword
	mEmail
	mPhone
	mStreet
	mAddressLine2
	mCity
	mState
	mZip
	mCountry
	mCountryCode
	mCurrency
	mCompany
	mJobTitle
	mURL
	mDomain
	mIP
	mUUID
	mID
	mCode
	mText
	mTitle
	mGender
	mColor
	mLanguage
	mTimezone
	mStatus
	mAmount
	mCents
	mQuantity
	mAge
	mYear
	mPercent
	mRate
	mLatitude
	mLongitude
	mBirthDate
	mCreated
	mUpdated
	mDate
	mTimestamp
	mBool
	mCountryCode3
	mPhoneE164
)

// words splits a name into lower-case words (schema.NameWords).
func words(name string) []string { return schema.NameWords(name) }

type wordset []string

func (w wordset) has(xs ...string) bool {
	for _, t := range w {
		for _, x := range xs {
			if t == x {
				return true
			}
		}
	}
	return false
}

func (w wordset) last() string {
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

// compact words that schemas glue together (HubSpot "firstname").
var glued = map[string][]string{
	"firstname": {"first", "name"}, "lastname": {"last", "name"}, "fullname": {"full", "name"},
	"middlename": {"middle", "name"}, "surname": {"last", "name"}, "givenname": {"first", "name"},
	"familyname": {"last", "name"}, "zipcode": {"zip"}, "postalcode": {"postal"}, "postcode": {"postal"},
	"mobilephone": {"phone"}, "phonenumber": {"phone"}, "emailaddress": {"email"}, "username": {"username"},
	"createdat": {"created"}, "updatedat": {"updated"}, "createdate": {"created"}, "lastmodifieddate": {"updated"},
	"dob": {"birth"}, "birthdate": {"birth"}, "birthday": {"birth"}, "countrycode": {"country", "code"},
	"lastname__c": {"last", "name"}, "companyname": {"company", "name"}, "jobtitle": {"job", "title"},
	"qty": {"quantity"}, "amt": {"amount"}, "addr": {"address"}, "tel": {"phone"}, "mobile": {"phone"},
	"fax": {"phone"}, "telephone": {"phone"}, "cell": {"phone"}, "website": {"url"}, "homepage": {"url"},
}

func wordsOf(f *schema.Field) wordset { return unglued(f.Name) }

// parentWords are the words of the enclosing path ("shipping_address.line1").
func parentWords(f *schema.Field) wordset {
	i := strings.LastIndexByte(f.Path, '.')
	if i < 0 {
		return nil
	}
	return unglued(f.Path[:i])
}

// unglued are the words of name with glued words split (glued).
func unglued(name string) wordset {
	var out wordset
	for _, w := range words(name) {
		if g, ok := glued[w]; ok {
			out = append(out, g...)
		} else {
			out = append(out, w)
		}
	}
	return out
}

// classify reads the meaning of f from its name, path, type and format.
func classify(f *schema.Field) meaning {
	if m, ok := descMeaning(f); ok {
		return m // the description names the domain (contract.go)
	}
	w := wordsOf(f)
	pw := parentWords(f)
	switch strings.ToLower(f.Format) {
	case "email", "idn-email":
		return mEmail
	case "uri", "url", "iri", "uri-reference":
		return mURL
	case "phone", "tel", "phone-number":
		return mPhone
	case "uuid":
		return mUUID
	case "ipv4", "ipv6":
		return mIP
	case "hostname", "idn-hostname":
		return mDomain
	case "date":
		if w.has("birth") {
			return mBirthDate
		}
		return mDate
	case "date-time", "unix-time":
		return timeMeaning(w)
	}
	if f.Type == schema.UUID || w.has("uuid", "guid") {
		return mUUID
	}
	switch f.Type {
	case schema.Boolean:
		return mBool
	case schema.Date:
		if w.has("birth") {
			return mBirthDate
		}
		return mDate
	case schema.Timestamp, schema.TimestampTZ:
		return timeMeaning(w)
	default:
	}
	switch {
	case w.has("email", "mail"):
		return mEmail
	case w.has("phone"):
		return mPhone
	case w.has("url", "uri", "link", "href"):
		return mURL
	case w.has("domain", "hostname", "host"):
		return mDomain
	case w.has("ip"):
		return mIP
	case w.last() == "by" || w.has("author", "owner", "assignee"):
		return mUsername
	case w.has("last") && w.has("login", "seen", "active", "activity", "visit"):
		return mTimestamp
	case w.has("password", "passwd", "secret"):
		return mPassword
	case w.has("username", "login", "handle", "nickname"):
		return mUsername
	case w.has("first") && w.has("name"):
		return mFirstName
	case w.has("last") && w.has("name") && !w.has("updated", "modified"):
		return mLastName
	case w.has("middle"):
		return mMiddleName
	case w.has("company", "organization", "organisation", "org", "employer", "vendor", "supplier") && (w.has("name") || len(w) == 1):
		return mCompany
	case w.has("job") || (w.has("title") && (pw.has("contact", "person", "employee", "user") || w.has("contact"))):
		return mJobTitle
	case w.has("street") || (w.has("address", "line1", "line") && !w.has("email", "ip", "2", "line2")):
		return mStreet
	case w.has("line2", "suite", "apartment", "apt") || (w.has("unit") && !w.has("price", "cost", "amount", "rate", "count", "measure", "type", "id", "name", "of")) || (w.has("address") && w.has("2")):
		return mAddressLine2
	case w.has("city", "town", "locality"):
		return mCity
	case w.has("zip", "postal"):
		return mZip
	case w.has("state", "province", "region", "county") && !w.has("status"):
		return mState
	case w.has("country"):
		if w.has("code", "iso", "abbr", "alpha2") || (f.MaxLength != nil && *f.MaxLength <= 3) || (f.MaxLength == nil && f.ObservedMaxLength != nil && *f.ObservedMaxLength <= 3) {
			return mCountryCode
		}
		return mCountry
	case w.has("currency"):
		return mCurrency
	case w.has("gender", "sex"):
		return mGender
	case w.has("color", "colour"):
		return mColor
	case w.has("language", "locale", "lang"):
		return mLanguage
	case w.has("timezone", "tz") || (w.has("time") && w.has("zone")):
		return mTimezone
	case w.has("status", "stage", "state", "type", "kind", "category"):
		return mStatus
	case w.has("lat", "latitude"):
		return mLatitude
	case w.has("lng", "lon", "long", "longitude"):
		return mLongitude
	case w.has("age"):
		return mAge
	case w.has("year"):
		return mYear
	case w.has("cents", "minor"):
		return mCents
	case w.has("amount", "price", "total", "subtotal", "cost", "balance", "fee", "tax", "revenue", "salary", "paid", "due", "payment", "spend", "freight", "charge", "refund", "credit", "debit"):
		return mAmount
	case w.has("discount", "percent", "pct", "percentage"):
		return mPercent
	case w.has("rate", "ratio", "score", "probability"):
		return mRate
	case w.has("qty", "quantity", "count", "units", "items", "number", "months", "days", "weeks", "hours", "minutes", "duration", "seats") && (f.Type == schema.Integer || w.has("qty", "quantity")):
		return mQuantity
	case w.has("birth"):
		return mBirthDate
	case w.has("created", "inserted", "registered", "signup"):
		return mCreated
	case w.has("updated", "modified", "changed"):
		return mUpdated
	case w.has("date", "day"):
		return mDate
	case w.has("time", "timestamp", "at") && w.last() != "id":
		return mTimestamp
	case w.has("name") && len(w) == 1 && pw.has("company", "organization", "account", "vendor", "supplier", "employer", "org"):
		return mCompany
	case w.has("name") && (pw.has("customer", "contact", "person", "user", "employee", "author", "owner") || w.has("full", "customer", "contact", "person", "user", "display") || len(w) == 1):
		return mFullName
	case w.has("name"):
		return mCompany
	case w.has("title", "subject", "headline", "label"):
		return mTitle
	case w.has("id", "key", "ref", "reference", "no", "num", "account", "ssn", "sku", "number"):
		return mID
	case w.has("code"):
		return mCode
	case w.has("description", "notes", "note", "comment", "comments", "text", "message", "body", "memo", "summary", "bio", "about", "remarks", "details"):
		return mText
	case f.Type == schema.Boolean || w.has("is", "has", "active", "enabled", "deleted", "flag", "verified"):
		return mBool
	}
	return mNone
}

func timeMeaning(w wordset) meaning {
	switch {
	case w.has("created", "inserted", "registered", "signup"):
		return mCreated
	case w.has("updated", "modified", "changed"):
		return mUpdated
	case w.has("birth"):
		return mBirthDate
	}
	return mTimestamp
}
