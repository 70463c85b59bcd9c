package main

import (
	"fmt"
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// setField sets the field at a dotted path from its text form and returns
// the path's top-level field (for the update mask). Maps take one more
// segment as the key ("title.en"); lists take comma-separated values.
func setField(m protoreflect.Message, path, value string) (string, error) {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		fd := m.Descriptor().Fields().ByName(protoreflect.Name(p))
		if fd == nil {
			return "", fmt.Errorf("no field %q in %s", p, m.Descriptor().Name())
		}
		last := i == len(parts)-1
		switch {
		case fd.IsMap():
			if i != len(parts)-2 {
				return "", fmt.Errorf("%s is a map: give one key, as %s.KEY", p, p)
			}
			k := protoreflect.ValueOfString(parts[i+1]).MapKey()
			v, err := scalar(fd.MapValue(), value)
			if err != nil {
				return "", err
			}
			m.Mutable(fd).Map().Set(k, v)
			return parts[0], nil
		case fd.IsList():
			if !last {
				return "", fmt.Errorf("%s is a list of messages: use -f", p)
			}
			if fd.Kind() == protoreflect.MessageKind {
				return "", fmt.Errorf("%s is a list of messages: use -f", p)
			}
			l := m.Mutable(fd).List()
			l.Truncate(0)
			for _, item := range strings.Split(value, ",") {
				if item = strings.TrimSpace(item); item == "" {
					continue
				}
				v, err := scalar(fd, item)
				if err != nil {
					return "", err
				}
				l.Append(v)
			}
			return parts[0], nil
		case fd.Kind() == protoreflect.MessageKind:
			if last {
				return "", fmt.Errorf("%s is a message: set its fields (%s.FIELD) or use -f", p, p)
			}
			m = m.Mutable(fd).Message()
		default:
			if !last {
				return "", fmt.Errorf("%s has no fields", p)
			}
			v, err := scalar(fd, value)
			if err != nil {
				return "", err
			}
			m.Set(fd, v)
		}
	}
	return parts[0], nil
}

func scalar(fd protoreflect.FieldDescriptor, s string) (protoreflect.Value, error) {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(s), nil
	case protoreflect.BoolKind:
		b, err := strconv.ParseBool(s)
		return protoreflect.ValueOfBool(b), err
	case protoreflect.Int32Kind:
		n, err := strconv.ParseInt(s, 10, 32)
		return protoreflect.ValueOfInt32(int32(n)), err
	case protoreflect.DoubleKind:
		f, err := strconv.ParseFloat(s, 64)
		return protoreflect.ValueOfFloat64(f), err
	case protoreflect.EnumKind:
		ev := fd.Enum().Values().ByName(protoreflect.Name(strings.ToUpper(strings.ReplaceAll(s, "-", "_"))))
		if ev == nil {
			return protoreflect.Value{}, fmt.Errorf("%q is not a value of %s", s, fd.Enum().Name())
		}
		return protoreflect.ValueOfEnum(ev.Number()), nil
	}
	return protoreflect.Value{}, fmt.Errorf("cannot set a %s field from text", fd.Kind())
}

// cell renders the field at a dotted path for a table: text maps show
// English (or the only language), lists are joined, lists of messages
// counted.
func cell(m protoreflect.Message, path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		fd := m.Descriptor().Fields().ByName(protoreflect.Name(p))
		if fd == nil {
			return ""
		}
		v := m.Get(fd)
		switch {
		case fd.IsMap():
			mp := v.Map()
			if e := mp.Get(protoreflect.ValueOfString("en").MapKey()); e.IsValid() {
				return e.String()
			}
			out := ""
			mp.Range(func(_ protoreflect.MapKey, v protoreflect.Value) bool { out = v.String(); return false })
			return out
		case fd.IsList():
			l := v.List()
			if fd.Kind() == protoreflect.MessageKind {
				return strconv.Itoa(l.Len())
			}
			items := make([]string, l.Len())
			for j := range items {
				items[j] = scalarText(fd, l.Get(j))
			}
			return strings.Join(items, ",")
		case fd.Kind() == protoreflect.MessageKind:
			if i == len(parts)-1 {
				return ""
			}
			m = v.Message()
		default:
			return scalarText(fd, v)
		}
	}
	return ""
}

func scalarText(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch fd.Kind() {
	case protoreflect.EnumKind:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			return string(ev.Name())
		}
	case protoreflect.DoubleKind:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	return v.String()
}
