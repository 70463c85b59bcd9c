package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/reflect/protoreflect"
)

var jsonOut = protojson.MarshalOptions{Multiline: true, Indent: "  ", UseProtoNames: true}

const maxCell = 60

func printList(w io.Writer, format string, r resource, rows []protoreflect.Message, next string) error {
	if format == "json" {
		fmt.Fprintf(w, "{\n  %q: [", r.plural)
		for i, m := range rows {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			b, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(m.Interface())
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "\n    %s", b)
		}
		fmt.Fprintf(w, "\n  ],\n  \"next_page_token\": %q\n}\n", next)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(r.columns, "\t")))
	for _, m := range rows {
		cells := make([]string, len(r.columns))
		for i, c := range r.columns {
			cells[i] = cell(m, c)
			if c != "name" {
				cells[i] = truncate(cells[i])
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if next != "" {
		fmt.Fprintf(w, "\n%d shown; more with --page-token %s (or --all)\n", len(rows), next)
	}
	return nil
}

func printOne(w io.Writer, format string, m protoreflect.Message) error {
	if format == "json" {
		b, err := jsonOut.Marshal(m.Interface())
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if !m.Has(fd) {
			continue
		}
		name := string(fd.Name())
		switch {
		case fd.IsMap():
			m.Get(fd).Map().Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
				fmt.Fprintf(tw, "%s[%s]\t%s\n", name, k.String(), v.String())
				return true
			})
		case fd.IsList() && fd.Kind() == protoreflect.MessageKind:
			l := m.Get(fd).List()
			for j := 0; j < l.Len(); j++ {
				b, _ := protojson.Marshal(l.Get(j).Message().Interface())
				fmt.Fprintf(tw, "%s[%d]\t%s\n", name, j, b)
			}
		case fd.IsList():
			fmt.Fprintf(tw, "%s\t%s\n", name, cell(m, name))
		case fd.Kind() == protoreflect.MessageKind:
			b, _ := protojson.Marshal(m.Get(fd).Message().Interface())
			fmt.Fprintf(tw, "%s\t%s\n", name, strings.Trim(string(b), `"`))
		default:
			fmt.Fprintf(tw, "%s\t%s\n", name, cell(m, name))
		}
	}
	return tw.Flush()
}

func truncate(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > maxCell {
		return string(r[:maxCell-1]) + "…"
	}
	return s
}
