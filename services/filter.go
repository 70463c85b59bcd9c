package services

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// MaxFilterLength bounds the filter expression (AIP-160).
const MaxFilterLength = 2048

// filter is a parsed AIP-160 filter: comparisons `field OP value` with
// OP one of = != < <= > >= : (has), combined with AND, OR, NOT or '-'
// and parentheses; AND binds tighter than OR, and juxtaposition means AND.
// Fields are the API's snake_case field paths, dotted for nested fields;
// a path through a repeated field matches when any element does. Values
// are bare words, numbers or "quoted strings"; a trailing '*' in a string
// value matches a prefix. ':' tests membership in a list, a key in a map,
// or a case-insensitive substring of a string.
type filter struct{ root node }

type node interface {
	eval(doc map[string]any) bool
}

type (
	andNode struct{ l, r node }
	orNode  struct{ l, r node }
	notNode struct{ n node }
	cmpNode struct {
		path  []string
		op    string
		value string
	}
)

func (n andNode) eval(d map[string]any) bool { return n.l.eval(d) && n.r.eval(d) }
func (n orNode) eval(d map[string]any) bool  { return n.l.eval(d) || n.r.eval(d) }
func (n notNode) eval(d map[string]any) bool { return !n.n.eval(d) }

func (n cmpNode) eval(d map[string]any) bool {
	var vals []any
	collect(d, n.path, &vals)
	for _, v := range vals {
		if compare(v, n.op, n.value) {
			return true
		}
	}
	// != holds for a missing value too.
	return len(vals) == 0 && n.op == "!="
}

// element is a member of the list a path ends at; ':' on it means
// membership (the element equals the value), not a substring.
type element struct{ v any }

func collect(v any, path []string, out *[]any) {
	if len(path) == 0 {
		if list, ok := v.([]any); ok {
			for _, e := range list {
				*out = append(*out, element{e})
			}
			return
		}
		*out = append(*out, v)
		return
	}
	switch t := v.(type) {
	case map[string]any:
		if next, ok := t[path[0]]; ok {
			collect(next, path[1:], out)
		}
	case []any:
		for _, e := range t {
			collect(e, path, out)
		}
	}
}

func compare(v any, op, want string) bool {
	if e, ok := v.(element); ok {
		v = e.v
		if _, isMsg := v.(map[string]any); !isMsg && op == ":" {
			op = "="
		}
	}
	switch t := v.(type) {
	case map[string]any:
		if op == ":" {
			_, ok := t[want]
			return ok
		}
		return false
	case float64:
		w, err := strconv.ParseFloat(want, 64)
		if err != nil {
			return op == "!="
		}
		return cmpOrdered(t, w, op)
	case bool:
		w, err := strconv.ParseBool(want)
		if err != nil {
			return op == "!="
		}
		switch op {
		case "=", ":":
			return t == w
		case "!=":
			return t != w
		}
		return false
	case string:
		// protojson renders 64-bit numbers as strings.
		if f, err := strconv.ParseFloat(t, 64); err == nil && op != ":" && op != "=" && op != "!=" {
			if w, err := strconv.ParseFloat(want, 64); err == nil {
				return cmpOrdered(f, w, op)
			}
		}
		switch op {
		case ":":
			return strings.Contains(strings.ToLower(t), strings.ToLower(strings.TrimSuffix(want, "*")))
		case "=":
			return matchString(t, want)
		case "!=":
			return !matchString(t, want)
		}
		return cmpOrdered(t, want, op)
	}
	return false
}

func matchString(have, want string) bool {
	if p, ok := strings.CutSuffix(want, "*"); ok {
		return strings.HasPrefix(have, p)
	}
	return have == want
}

func cmpOrdered[T float64 | string](a, b T, op string) bool {
	switch op {
	case "=", ":":
		return a == b
	case "!=":
		return a != b
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	}
	return false
}

// parseFilter parses expr; fields are checked against the JSON form of
// sample so that an unknown field is an error, not an empty result.
func parseFilter(expr string, sample proto.Message) (*filter, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil, nil
	}
	if len(expr) > MaxFilterLength {
		return nil, invalid("filter", fmt.Sprintf("is longer than %d characters", MaxFilterLength))
	}
	toks, err := lexFilter(expr)
	if err != nil {
		return nil, invalid("filter", err.Error())
	}
	p := &filterParser{toks: toks, md: sample.ProtoReflect().Descriptor()}
	n, err := p.or()
	if err == nil && p.pos < len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.pos].text)
	}
	if err != nil {
		return nil, invalid("filter", err.Error())
	}
	return &filter{root: n}, nil
}

// match reports whether m passes the filter; a nil filter passes all.
func (f *filter) match(m proto.Message) bool {
	if f == nil {
		return true
	}
	return f.root.eval(toDoc(m))
}

var docOptions = protojson.MarshalOptions{UseProtoNames: true, EmitUnpopulated: true}

func toDoc(m proto.Message) map[string]any {
	b, err := docOptions.Marshal(m)
	if err != nil {
		return nil
	}
	var doc map[string]any
	_ = json.Unmarshal(b, &doc)
	return doc
}

type token struct {
	text   string
	quoted bool
}

func lexFilter(s string) ([]token, error) {
	var toks []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == ')' || r == ':':
			toks = append(toks, token{text: string(r)})
			i++
		case r == '=' || r == '!' || r == '<' || r == '>':
			if i+1 < len(rs) && rs[i+1] == '=' {
				toks = append(toks, token{text: string(rs[i : i+2])})
				i += 2
			} else if r == '!' {
				return nil, fmt.Errorf("'!' must be followed by '='")
			} else {
				toks = append(toks, token{text: string(r)})
				i++
			}
		case r == '"' || r == '\'':
			j := i + 1
			var b strings.Builder
			for ; j < len(rs) && rs[j] != r; j++ {
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				b.WriteRune(rs[j])
			}
			if j == len(rs) {
				return nil, fmt.Errorf("unterminated string starting at character %d", i+1)
			}
			toks = append(toks, token{text: b.String(), quoted: true})
			i = j + 1
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && !strings.ContainsRune("()=!<>:\"'", rs[j]) {
				j++
			}
			toks = append(toks, token{text: string(rs[i:j])})
			i = j
		}
	}
	return toks, nil
}

type filterParser struct {
	toks []token
	pos  int
	md   protoreflect.MessageDescriptor
}

func (p *filterParser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

func (p *filterParser) keyword(k string) bool {
	t, ok := p.peek()
	if ok && !t.quoted && t.text == k {
		p.pos++
		return true
	}
	return false
}

func (p *filterParser) or() (node, error) {
	l, err := p.and()
	for err == nil && p.keyword("OR") {
		var r node
		if r, err = p.and(); err == nil {
			l = orNode{l, r}
		}
	}
	return l, err
}

func (p *filterParser) and() (node, error) {
	l, err := p.unary()
	for err == nil {
		t, ok := p.peek()
		if !ok || (!t.quoted && (t.text == ")" || t.text == "OR")) {
			break
		}
		p.keyword("AND")
		var r node
		if r, err = p.unary(); err == nil {
			l = andNode{l, r}
		}
	}
	return l, err
}

func (p *filterParser) unary() (node, error) {
	if p.keyword("NOT") || p.keyword("-") {
		n, err := p.unary()
		return notNode{n}, err
	}
	if t, ok := p.peek(); ok && !t.quoted && len(t.text) > 1 && t.text[0] == '-' {
		p.toks[p.pos].text = t.text[1:]
		n, err := p.unary()
		return notNode{n}, err
	}
	if p.keyword("(") {
		n, err := p.or()
		if err == nil && !p.keyword(")") {
			err = fmt.Errorf("missing ')'")
		}
		return n, err
	}
	return p.comparison()
}

// knownPath reports whether path names a field of md: dotted through
// nested (and repeated) messages, ending at any field or at a map's key.
// Well-known types such as Timestamp render as scalars and end a path.
func knownPath(md protoreflect.MessageDescriptor, path []string) bool {
	for i, seg := range path {
		fd := md.Fields().ByName(protoreflect.Name(seg))
		if fd == nil {
			return false
		}
		last := i == len(path)-1
		switch {
		case last:
			return true
		case fd.IsMap():
			return i+1 == len(path)-1
		case fd.Kind() == protoreflect.MessageKind && fd.Message().ParentFile().Package() != "google.protobuf":
			md = fd.Message()
		default:
			return false
		}
	}
	return false
}

func (p *filterParser) comparison() (node, error) {
	f, ok := p.peek()
	if !ok {
		return nil, fmt.Errorf("unexpected end of filter")
	}
	if f.quoted {
		return nil, fmt.Errorf("want a field name, got %q", f.text)
	}
	p.pos++
	path := strings.Split(f.text, ".")
	if !knownPath(p.md, path) {
		return nil, fmt.Errorf("unknown field %q", f.text)
	}
	op, ok := p.peek()
	if !ok || op.quoted || !strings.Contains("= != < <= > >= :", op.text) || op.text == "" {
		return nil, fmt.Errorf("want a comparison (= != < <= > >= :) after %q", f.text)
	}
	p.pos++
	v, ok := p.peek()
	if !ok || (!v.quoted && (v.text == "(" || v.text == ")")) {
		return nil, fmt.Errorf("want a value after %q %s", f.text, op.text)
	}
	p.pos++
	return cmpNode{path: path, op: op.text, value: v.text}, nil
}
