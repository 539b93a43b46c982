package suggest

// General business vocabulary the matcher folds names with. Nothing here
// names a field of a particular schema: these are the words, abbreviations
// and synonyms that data dictionaries of CRMs, ERPs, shops and warehouses
// share.

// abbreviations expand a short form to its word (or words).
var abbreviations = map[string]string{
	"acct": "account", "accnt": "account", "addr": "address", "adr": "address",
	"amt": "amount", "apt": "apartment", "attr": "attribute", "avg": "average",
	"bal": "balance", "bday": "birth date", "bldg": "building", "cat": "category",
	"cd": "code", "cnt": "count", "cntry": "country", "ctry": "country",
	"co": "company", "comp": "company", "cmpny": "company", "cty": "city",
	"ccy": "currency", "cur": "currency", "curr": "currency", "cust": "customer",
	"cus": "customer", "custnum": "customer number", "dept": "department",
	"desc": "description", "descr": "description", "dest": "destination",
	"disc": "discount", "dob": "birth date", "doc": "document", "dt": "date",
	"dttm": "datetime", "emp": "employee", "eml": "email", "ext": "extension",
	"fname": "first name", "forename": "first name", "grp": "group",
	"hq": "headquarters", "ident": "identifier", "img": "image", "info": "information",
	"inv": "invoice", "lang": "language", "lat": "latitude", "lname": "last name",
	"lng": "longitude", "lon": "longitude", "mgr": "manager", "mob": "mobile",
	"mod": "modified", "msg": "message", "nbr": "number", "no": "number",
	"nr": "number", "num": "number", "ord": "order", "org": "organization",
	"pct": "percent", "perc": "percent", "pmt": "payment", "pwd": "password",
	"prev": "previous", "prod": "product", "prov": "province", "qty": "quantity",
	"ref": "reference", "rev": "revenue", "sku": "sku", "src": "source",
	"stat": "status", "surname": "last name", "tel": "telephone", "txn": "transaction",
	"trx": "transaction", "ts": "timestamp", "tz": "timezone", "upd": "updated",
	"usr": "user", "val": "value", "ver": "version", "yr": "year",
	"zipcode": "zip", "postcode": "postal code", "postalcode": "postal code",
	"lastname": "last name", "firstname": "first name", "middlename": "middle name",
	"fullname": "full name", "username": "user name", "emailaddress": "email",
	"phonenumber": "phone", "telephonenumber": "telephone", "jobtitle": "job title",
	"birthdate": "birth date", "birthday": "birth date", "datetime": "datetime",
	"modstamp": "modified stamp", "timezone": "timezone", "website": "website",
	"homepage": "website", "webpage": "website",
	// role prefixes of flat tables: ship_city, bill_to_name
	"ship": "shipping", "bill": "billing",
	// what a freight column holds: the shipping charge
	"freight": "shipping price",
}

// genericLeaves name a value without saying what it is: the meaning is in
// the parent ("totalShippingPriceSet.shopMoney.amount").
// measureWords say a value is an amount of money or a count.
var measureWords = map[string]bool{"amount": true, "price": true, "total": true, "cost": true, "fee": true, "quantity": true, "count": true}

// unmarkedQualifiers are the default member of their group: "total
// shipping price" is the shipping price.
var unmarkedQualifiers = map[string]bool{"total": true}

// businessEvents are the times a record's business date is taken from
// ("processedAt" for an order's date), in preference to record keeping
// ("created").
var businessEvents = map[string]bool{"processed": true, "placed": true, "ordered": true, "issued": true, "finalized": true, "posted": true, "booked": true, "invoiced": true}

// displayWords mark a copy of a value made for display: the amount in the
// buyer's (presentment) currency beside the shop's, a formatted string.
var displayWords = map[string]bool{"presentment": true, "formatted": true, "display": true, "localized": true}

var genericLeaves = map[string]bool{"amount": true, "value": true}

// wrapperWords name containers that add no meaning of their own: a money
// bag ("shopMoney", "presentmentMoney"), a set, a data list.
var wrapperWords = map[string]bool{"money": true, "set": true, "data": true, "bag": true, "shop": true, "presentment": true}

// synonymGroups: every member folds to the first word, the concept.
var synonymGroups = [][]string{
	{"zip", "postal code", "post code", "zip code", "postal", "plz"},
	{"phone", "telephone", "phone number", "telephone number"},
	{"mobile", "cell", "cellphone", "cellular", "mobile phone", "cell phone", "mobile number"},
	{"email", "e mail", "email address", "mail address"},
	{"company", "organization", "organisation", "account", "firm", "corporation", "business name"},
	{"customer", "client"},
	{"street", "street address", "address line", "address line 1", "street 1", "line 1", "address 1"},
	{"street2", "address line 2", "street 2", "line 2", "address 2"},
	{"state", "province", "region", "territory", "state province"},
	{"country", "nation", "country code"},
	{"city", "town", "locality", "municipality"},
	{"first", "given"},
	{"last", "family"},
	{"created", "creation", "create", "inserted", "added"},
	{"updated", "modified", "changed", "update", "modify", "last modified", "edited"},
	{"deleted", "removed", "trashed"},
	{"website", "web site", "url", "homepage", "web address", "site", "domain"},
	{"employees", "employee count", "number of employees", "headcount", "staff count"},
	{"industry", "sector", "vertical"},
	{"gender", "sex"},
	{"language", "locale"},
	{"timezone", "time zone"},
	{"identifier", "id", "uid", "guid"},
	{"quantity", "qty"},
	{"amount", "sum"},
	{"salutation", "honorific"},
	{"description", "details", "notes", "note", "comments", "comment", "remarks", "memo"},
	{"owner", "assigned to", "assignee"},
	{"birth date", "date of birth"},
	{"optin", "opt in", "opted in", "subscribed"},
	{"optout", "opt out", "opted out", "unsubscribed"},
	{"active", "enabled", "is active"},
	{"fax", "facsimile", "fax number"},
	{"job title", "position"},
	{"title"},
	{"price", "unit price"},
	{"total", "grand total"},
}

// related concept pairs that are close but not the same word.
var relatedPairs = []struct {
	a, b string
	sim  float64
}{
	{"street", "address", 0.7},
	{"street2", "address", 0.5},
	{"job title", "title", 0.85},
	{"identifier", "key", 0.7},
	{"identifier", "number", 0.5},
	{"quantity", "count", 0.7},
	{"price", "cost", 0.6},
	{"amount", "total", 0.6},
	{"amount", "price", 0.5},
	{"type", "category", 0.7},
	{"type", "kind", 0.8},
	{"status", "state", 0.3},
	{"product", "item", 0.7},
	{"name", "full name", 0.8},
	{"language", "locale", 0.8},
	{"user", "owner", 0.4},
	{"description", "summary", 0.6},
}

// antonyms are boolean opposites: linked with a negation.
var antonyms = [][2]string{
	{"active", "deleted"}, {"active", "inactive"}, {"active", "disabled"},
	{"active", "archived"}, {"optin", "optout"}, {"visible", "hidden"},
	{"enabled", "disabled"}, {"public", "private"}, {"valid", "invalid"},
	{"open", "closed"}, {"available", "unavailable"}, {"paid", "unpaid"},
	{"subscribed", "unsubscribed"}, {"allowed", "blocked"},
}

// qualifierGroups: words that make two otherwise equal names mean
// different things. Two fields whose qualifiers of one group differ are a
// decoy pair (billing vs shipping city, first vs last name, created vs
// updated date).
var qualifierGroups = map[string][]string{
	"address role": {"billing", "shipping", "mailing", "delivery", "physical", "legal", "registered", "residential", "postal", "other", "home", "work", "business", "invoice"},
	"phone kind":   {"home", "work", "mobile", "office", "business", "fax", "other", "assistant", "direct", "main", "alternate"},
	"name part":    {"first", "last", "middle", "full", "nick", "maiden", "display", "legal"},
	"event":        {"created", "updated", "deleted", "closed", "opened", "started", "ended", "login", "logout", "shipped", "paid", "cancelled", "canceled", "processed", "confirmed", "birth", "expires", "expired", "last"},
	"amount kind":  {"total", "subtotal", "net", "gross", "tax", "discount", "paid", "due", "refunded", "outstanding", "balance"},
	"bound":        {"min", "max", "minimum", "maximum", "start", "end", "begin", "from", "until", "lower", "upper"},
	"version":      {"old", "new", "previous", "current", "original", "next", "prior"},
	"ordinal":      {"primary", "secondary", "alternate", "other", "additional"},
}

// softQualifierGroups are weak: a one-sided role is mostly context
// ("city" vs "MailingCity").
var softQualifierGroups = map[string]bool{"address role": true, "ordinal": true}

// stopwords carry no meaning in a field name.
var stopwords = map[string]bool{
	"the": true, "of": true, "a": true, "an": true, "for": true, "in": true, "by": true,
	"is": true, "has": true, "was": true, "are": true, "to": true, "and": true, "or": true,
	"with": true, "this": true, "that": true, "it": true, "its": true, "be": true, "as": true,
	"on": true, "at": true, "flag": true, "ind": true, "s": true,
}

// temporalWords are the "when" suffixes of event fields: created_at,
// CreatedDate, create_ts.
var temporalWords = map[string]bool{
	"date": true, "time": true, "datetime": true, "timestamp": true, "stamp": true,
	"at": true, "on": true, "when": true, "day": true,
}

// keyWords mark identifiers and references.
var keyWords = map[string]bool{"identifier": true, "key": true, "pk": true, "fk": true}

// personWords say that a "name" names a person.
var personWords = map[string]bool{
	"contact": true, "person": true, "customer": true, "user": true, "full": true,
	"display": true, "member": true, "employee": true, "lead": true, "owner": true,
	"recipient": true, "patient": true, "student": true, "author": true, "people": true,
}

// orgWords say that a record or name is an organisation.
var orgWords = map[string]bool{"company": true, "organization": true, "account": true, "vendor": true, "supplier": true, "business": true}

// extraWords complete the segmentation dictionary for glued lowercase
// names ("mobilephone", "associatedcompanyid").
var extraWords = []string{
	"name", "first", "last", "middle", "full", "mobile", "phone", "home", "work", "office",
	"email", "address", "street", "city", "state", "zip", "postal", "code", "country",
	"region", "company", "account", "organization", "owner", "associated", "association",
	"contact", "lead", "customer", "client", "user", "job", "title", "create", "created",
	"update", "updated", "modified", "delete", "deleted", "date", "time", "stamp", "is", "has",
	"active", "id", "number", "type", "status", "amount", "total", "price", "quantity",
	"order", "item", "product", "description", "notes", "note", "birth", "day", "gender",
	"age", "salutation", "website", "url", "industry", "employees", "revenue", "annual",
	"source", "system", "activity", "mailing", "billing", "shipping", "other", "line",
	"unit", "currency", "tax", "discount", "invoice", "payment", "balance", "due", "paid",
	"opt", "out", "in", "subscription", "marketing", "lifecycle", "stage", "score",
	"rating", "level", "group", "team", "department", "manager", "parent", "primary",
	"secondary", "assistant", "fax", "language", "locale", "zone", "photo", "image",
	"link", "domain", "external", "internal", "reference", "key", "latitude", "longitude",
	"location", "district", "county", "building", "suite", "count", "min", "max", "start",
	"end", "weight", "height", "width", "length", "size", "color", "category", "tag",
	"label", "comment", "verified", "visible", "hidden", "public", "private", "shared",
	"default", "custom", "field", "value", "text", "data", "info", "detail", "login",
	"password", "token", "session", "hash", "sales", "rep", "support", "employee",
	"supplier", "vendor", "ship", "bill", "via", "freight", "discontinued", "stock",
	"units", "reorder", "level", "hire", "report", "reports", "region", "territory",
	"extension", "home", "page", "postal", "province", "province", "fiscal", "year",
	"month", "week", "hour", "minute", "second", "last", "next", "previous", "modstamp",
	"closed", "open", "won", "lost", "probability", "forecast", "expected", "close",
	"twitter", "linkedin", "facebook", "social", "role", "alias", "signature", "suspended",
	"moderator", "restricted", "agent", "ticket", "restriction", "private", "comments",
	"two", "factor", "auth", "enabled", "disabled", "permanently", "nick", "maiden",
	"display", "legal", "registered", "delivery", "physical", "subtotal", "net", "gross",
	"refunded", "outstanding", "street2", "apartment", "floor", "room", "sku", "serial",
	"batch", "lot", "warehouse", "bin", "shelf", "tracking", "carrier", "method", "fee",
	"cost", "rate", "percent", "ratio", "share", "sum", "average", "median", "channel",
	"campaign", "medium", "term", "content", "visit", "visits", "views", "clicks",
	"opens", "bounces", "sent", "received", "read", "replied", "unsubscribed", "subscribed",
}
