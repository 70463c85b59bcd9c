package services

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/concord-ibm/concord/curricula"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// The generic helpers below implement the AIP standard methods once; each
// service supplies conversions and the reference checks of its resources.

// named is what every resource message has.
type named interface {
	proto.Message
	GetName() string
	GetEtag() string
}

// render turns a stored resource into its message, inside the transaction
// (a module needs its curriculum's framework, and restricted text is
// redacted here).
type render[D curricula.Resource, P named] func(ctx context.Context, tx curricula.Tx, d D) (P, error)

// parse turns a message into a resource; it may read the store (a module
// needs its curriculum's framework).
type parse[D curricula.Resource, P named] func(tx curricula.Tx, name string, p P) (D, curricula.Violations, error)

func checkNameOf(kind curricula.Kind, field, name string) error {
	if _, err := curricula.ParseName(kind, name); err != nil {
		return invalid(field, err.(*curricula.Error).Message)
	}
	return nil
}

// getOne reads name into d.
func getOne[D curricula.Resource, P named](ctx context.Context, s curricula.Store, name string, d D, out render[D, P]) (P, error) {
	var p P
	if err := checkNameOf(d.Kind(), "name", name); err != nil {
		return p, err
	}
	err := s.View(ctx, func(tx curricula.Tx) error {
		if err := tx.Get(name, d); err != nil {
			return err
		}
		var err error
		p, err = out(ctx, tx, d)
		return err
	})
	return p, err
}

type listRequest struct {
	parent, pageToken, filter string
	pageSize                  int32
}

// listPage returns one page of the resources of kind under parent that pass
// the filter, and the token of the next page ("" on the last one).
func listPage[D curricula.Resource, P named](ctx context.Context, s curricula.Store, kind curricula.Kind, req listRequest, newD func() D, out render[D, P]) ([]P, string, error) {
	n, err := pageSize(req.pageSize)
	if err != nil {
		return nil, "", err
	}
	var zero P
	f, err := parseFilter(req.filter, zero.ProtoReflect().New().Interface())
	if err != nil {
		return nil, "", err
	}
	check := requestCheck(string(kind), req.parent, req.filter)
	after, err := decodePageToken(req.pageToken, check)
	if err != nil {
		return nil, "", err
	}
	var items []P
	var last, next string
	err = s.View(ctx, func(tx curricula.Tx) error {
		if err := checkParent(tx, kind, req.parent); err != nil {
			return err
		}
		return tx.Scan(kind, req.parent, after, func(name string, decode func(curricula.Resource) error) (bool, error) {
			if err := ctx.Err(); err != nil {
				return false, err
			}
			d := newD()
			if err := decode(d); err != nil {
				return false, err
			}
			p, err := out(ctx, tx, d)
			if err != nil {
				return false, err
			}
			if !f.match(p) {
				return true, nil
			}
			if len(items) == n {
				next = encodePageToken(last, check)
				return false, nil
			}
			items = append(items, p)
			last = name
			return true, nil
		})
	})
	return items, next, err
}

// checkParent validates a list request's parent: a well-formed name (with
// "-" wildcards allowed) of an existing resource.
func checkParent(tx curricula.Tx, kind curricula.Kind, parent string) error {
	pk, ok := parentKind(kind)
	if !ok {
		return nil
	}
	if parent == "" {
		return invalid("parent", "is required")
	}
	concrete := strings.ReplaceAll(parent, "/-", "/x")
	if _, err := curricula.ParseName(pk, concrete); err != nil {
		return invalid("parent", err.(*curricula.Error).Message)
	}
	if concrete != parent {
		return nil
	}
	ok, err := tx.Exists(parent)
	if err != nil {
		return err
	}
	if !ok {
		return curricula.Errorf(curricula.ENOTFOUND, "%s not found", parent)
	}
	return nil
}

func parentKind(k curricula.Kind) (curricula.Kind, bool) {
	for _, pk := range curricula.Kinds {
		for _, c := range pk.Children() {
			if c == k {
				return pk, true
			}
		}
	}
	return "", false
}

type createRequest struct {
	kind    curricula.Kind
	parent  string // "" for a top-level resource
	id      string
	idField string // "module_id"
	field   string // the resource field of the request: "module"
}

// createOne names the resource, validates it and stores it, with check
// run inside the write transaction for the references.
func createOne[D curricula.Resource, P named](ctx context.Context, s curricula.Store, req createRequest, msg P, in parse[D, P], check func(tx curricula.WriteTx, d D) error, out render[D, P]) (P, error) {
	var res P
	if pk, ok := parentKind(req.kind); ok {
		if err := checkNameOf(pk, "parent", req.parent); err != nil {
			return res, err
		}
	}
	if !curricula.ValidID(req.id) {
		return res, invalid(req.idField, fmt.Sprintf("%q must be 1–63 lower-case letters, digits or hyphens, starting with a letter", req.id))
	}
	if any(msg) == nil || !msg.ProtoReflect().IsValid() {
		return res, invalid(req.field, "is required")
	}
	name := req.kind.Collection() + "/" + req.id
	if req.parent != "" {
		name = req.parent + "/" + name
	}
	err := s.Update(ctx, func(tx curricula.WriteTx) error {
		d, vs, err := in(tx, name, msg)
		if err != nil {
			return err
		}
		d.GetMeta().Name = name
		all := allViolations(req.field, vs, d)
		if err := all.Err(); err != nil {
			return err
		}
		if check != nil {
			if err := check(tx, d); err != nil {
				return prefixed(err, req.field)
			}
		}
		if err := tx.Create(d); err != nil {
			return err
		}
		res, err = out(ctx, tx, d)
		return err
	})
	return res, err
}

// updateOne applies msg to the stored resource under the update mask
// (AIP-134), honouring the etag (AIP-154).
func updateOne[D curricula.Resource, P named](ctx context.Context, s curricula.Store, field string, msg P, mask *fieldmaskpb.FieldMask, newD func() D, in parse[D, P], check func(tx curricula.WriteTx, old, d D) error, out render[D, P]) (P, error) {
	var res P
	if any(msg) == nil || !msg.ProtoReflect().IsValid() {
		return res, invalid(field, "is required")
	}
	old := newD()
	if err := checkNameOf(old.Kind(), field+".name", msg.GetName()); err != nil {
		return res, err
	}
	err := s.Update(ctx, func(tx curricula.WriteTx) error {
		if err := tx.Get(msg.GetName(), old); err != nil {
			return err
		}
		cur, err := out(ctx, tx, old)
		if err != nil {
			return err
		}
		merged := proto.Clone(cur).(P)
		if err := applyMask(merged, msg, mask, field); err != nil {
			return err
		}
		d, vs, err := in(tx, msg.GetName(), merged)
		if err != nil {
			return err
		}
		*d.GetMeta() = *old.GetMeta()
		all := allViolations(field, vs, d)
		if err := all.Err(); err != nil {
			return err
		}
		if check != nil {
			if err := check(tx, old, d); err != nil {
				return prefixed(err, field)
			}
		}
		if err := tx.Update(d, msg.GetEtag()); err != nil {
			return err
		}
		res, err = out(ctx, tx, d)
		return err
	})
	return res, err
}

// deleteOne deletes name; check may refuse (a framework still in use).
func deleteOne(ctx context.Context, s curricula.Store, kind curricula.Kind, name, etag string, force bool, check func(tx curricula.WriteTx) error) error {
	if err := checkNameOf(kind, "name", name); err != nil {
		return err
	}
	return s.Update(ctx, func(tx curricula.WriteTx) error {
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		return tx.Delete(name, etag, force)
	})
}

func violationsOf(err error) curricula.Violations {
	var e *curricula.Error
	if errors.As(err, &e) {
		return e.Violations
	}
	return nil
}

// prefixed puts field+"." before the field violations of an EINVALID error.
func prefixed(err error, field string) error {
	var e *curricula.Error
	if errors.As(err, &e) && e.Code == curricula.EINVALID && len(e.Violations) > 0 {
		return curricula.Violations(e.Violations).Prefixed(field).Err()
	}
	return err
}

// allViolations joins the violations found converting a resource (conv)
// with those of its domain validation, under field. A field the
// conversion already rejected is not reported again by the domain, which
// only saw the conversion's zero value ("" is not a competency ID).
func allViolations(field string, conv curricula.Violations, d curricula.Resource) curricula.Violations {
	all := conv.Prefixed(field)
	rejected := make(map[string]bool, len(conv))
	for _, v := range conv {
		rejected[v.Field] = true
	}
	for _, v := range apiViolations(d.Kind(), violationsOf(d.Validate())) {
		if !rejected[v.Field] {
			all = append(all, curricula.Violations{v}.Prefixed(field)...)
		}
	}
	return all
}
