package services

import (
	"errors"
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// outputOnly are the fields a client can never change through an update.
var outputOnly = map[string]bool{"name": true, "create_time": true, "update_time": true, "etag": true}

// applyMask copies the fields named by mask from src into dst (both of the
// same message type), following AIP-134: an empty mask means every field
// src populates; "*" means every field, so that unset ones are cleared;
// output-only fields are ignored. Paths are snake_case and may be dotted
// into nested messages. field names the request's resource field for
// errors ("module").
func applyMask(dst, src proto.Message, mask *fieldmaskpb.FieldMask, field string) error {
	d, s := dst.ProtoReflect(), src.ProtoReflect()
	paths := mask.GetPaths()
	if len(paths) == 0 {
		s.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			if !outputOnly[string(fd.Name())] {
				d.Set(fd, v)
			}
			return true
		})
		return nil
	}
	if len(paths) == 1 && paths[0] == "*" {
		fields := d.Descriptor().Fields()
		for i := 0; i < fields.Len(); i++ {
			fd := fields.Get(i)
			if outputOnly[string(fd.Name())] {
				continue
			}
			if s.Has(fd) {
				d.Set(fd, s.Get(fd))
			} else {
				d.Clear(fd)
			}
		}
		return nil
	}
	for _, p := range paths {
		if outputOnly[p] {
			continue
		}
		if err := copyPath(d, s, strings.Split(p, ".")); err != nil {
			return invalid("update_mask", fmt.Sprintf("path %q is not a field of %s", p, field))
		}
	}
	return nil
}

func copyPath(d, s protoreflect.Message, path []string) error {
	fd := d.Descriptor().Fields().ByName(protoreflect.Name(path[0]))
	if fd == nil {
		return errUnknownPath
	}
	if len(path) == 1 {
		if s.Has(fd) {
			d.Set(fd, s.Get(fd))
		} else {
			d.Clear(fd)
		}
		return nil
	}
	if fd.Kind() != protoreflect.MessageKind || fd.IsList() || fd.IsMap() {
		return errUnknownPath
	}
	return copyPath(d.Mutable(fd).Message(), s.Get(fd).Message(), path[1:])
}

var errUnknownPath = errors.New("unknown field path")
