package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	_ "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	_ "github.com/concord-ibm/concord/api/concord/v1" // registers the message types
	"google.golang.org/grpc"
)

// The resource commands are generic: they build the AIP standard requests
// by reflection from the registered concord.v1 message types.

func newResourceCmd(r resource, cf *clientFlags) *cobra.Command {
	cmd := &cobra.Command{Use: r.plural, Short: "Manage " + r.plural}
	cmd.AddCommand(listCmd(r, cf), getCmd(r, cf), createCmd(r, cf), updateCmd(r, cf), deleteCmd(r, cf))
	return cmd
}

func newMessage(name string) (protoreflect.Message, error) {
	full := name
	if !strings.Contains(name, ".") {
		full = "concord.v1." + name
	}
	mt, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(full))
	if err != nil {
		return nil, fmt.Errorf("message %s: %w", name, err)
	}
	return mt.New(), nil
}

func setString(m protoreflect.Message, field, v string) {
	m.Set(m.Descriptor().Fields().ByName(protoreflect.Name(field)), protoreflect.ValueOfString(v))
}

// call invokes service/method with req and returns the response message.
func call(cmd *cobra.Command, cf *clientFlags, r resource, method string, req protoreflect.Message, respType string) (protoreflect.Message, error) {
	resp, err := newMessage(respType)
	if err != nil {
		return nil, err
	}
	err = withConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
		return conn.Invoke(ctx, "/"+r.service+"/"+method, req.Interface(), resp.Interface())
	})
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func listCmd(r resource, cf *clientFlags) *cobra.Command {
	var pageSize int32
	var pageToken, filter string
	var all bool
	use := "list"
	args := cobra.NoArgs
	if r.parent != "" {
		use = "list PARENT"
		args = cobra.ExactArgs(1)
	}
	cmd := &cobra.Command{
		Use:   use,
		Short: "List " + r.plural + parentHint(r),
		Args:  args,
		RunE: func(cmd *cobra.Command, a []string) error {
			var rows []protoreflect.Message
			token := pageToken
			for {
				req, err := newMessage("List" + r.methods + "Request")
				if err != nil {
					return err
				}
				if r.parent != "" {
					setString(req, "parent", a[0])
				}
				req.Set(req.Descriptor().Fields().ByName("page_size"), protoreflect.ValueOfInt32(pageSize))
				setString(req, "page_token", token)
				setString(req, "filter", filter)
				resp, err := call(cmd, cf, r, "List"+r.methods, req, "List"+r.methods+"Response")
				if err != nil {
					return err
				}
				list := resp.Get(resp.Descriptor().Fields().ByName(protoreflect.Name(r.plural))).List()
				for i := 0; i < list.Len(); i++ {
					rows = append(rows, list.Get(i).Message())
				}
				token = resp.Get(resp.Descriptor().Fields().ByName("next_page_token")).String()
				if !all || token == "" {
					break
				}
			}
			return printList(cmd.OutOrStdout(), cf.output, r, rows, token)
		},
	}
	f := cmd.Flags()
	f.Int32Var(&pageSize, "page-size", 0, "results per page (server default 50, at most 1000)")
	f.StringVar(&pageToken, "page-token", "", "continue from this page token")
	f.StringVar(&filter, "filter", "", `AIP-160 filter, e.g. 'country = "KZ"'`)
	f.BoolVar(&all, "all", false, "fetch every page")
	return cmd
}

func parentHint(r resource) string {
	if r.parent == "" {
		return ""
	}
	return " of a parent (" + r.parent + `; "-" for any)`
}

func getCmd(r resource, cf *clientFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "get NAME",
		Short: "Show one " + r.singular,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			req, err := newMessage("Get" + r.method + "Request")
			if err != nil {
				return err
			}
			setString(req, "name", a[0])
			resp, err := call(cmd, cf, r, "Get"+r.method, req, r.method)
			if err != nil {
				return err
			}
			return printOne(cmd.OutOrStdout(), cf.output, resp)
		},
	}
}

// editFlags fill a resource message from a JSON file and --set pairs.
type editFlags struct {
	file string
	sets []string
}

func (e *editFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&e.file, "file", "f", "", "the resource as JSON (protojson); - reads standard input")
	cmd.Flags().StringArrayVar(&e.sets, "set", nil, "set a field: path=value (repeatable; lists comma-separated; maps as title.en=…)")
}

// build returns the resource message and the field paths it sets.
func (e *editFlags) build(cmd *cobra.Command, r resource) (protoreflect.Message, []string, error) {
	msg, err := newMessage(r.method)
	if err != nil {
		return nil, nil, err
	}
	var paths []string
	if e.file != "" {
		var b []byte
		if e.file == "-" {
			b, err = io.ReadAll(cmd.InOrStdin())
		} else {
			b, err = os.ReadFile(e.file)
		}
		if err != nil {
			return nil, nil, err
		}
		if err := protojson.Unmarshal(b, msg.Interface()); err != nil {
			return nil, nil, usageError{fmt.Errorf("%s: %v", e.file, err)}
		}
		msg.Range(func(fd protoreflect.FieldDescriptor, _ protoreflect.Value) bool {
			paths = append(paths, string(fd.Name()))
			return true
		})
	}
	for _, s := range e.sets {
		path, value, ok := strings.Cut(s, "=")
		if !ok {
			return nil, nil, usageError{fmt.Errorf("--set %q: want path=value", s)}
		}
		top, err := setField(msg, path, value)
		if err != nil {
			return nil, nil, usageError{fmt.Errorf("--set %s: %v", path, err)}
		}
		paths = append(paths, top)
	}
	return msg, paths, nil
}

func createCmd(r resource, cf *clientFlags) *cobra.Command {
	var e editFlags
	cmd := &cobra.Command{
		Use:   "create NAME",
		Short: "Create a " + r.singular + " (NAME is its full resource name)",
		Example: fmt.Sprintf("  concord %s create %s --set ... | -f %s.json", r.plural,
			strings.TrimPrefix(r.parent+"/", "/")+r.plural+"/my-"+r.singular, r.singular),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			msg, _, err := e.build(cmd, r)
			if err != nil {
				return err
			}
			parent, id, err := splitName(a[0], r.plural)
			if err != nil {
				return err
			}
			req, err := newMessage("Create" + r.method + "Request")
			if err != nil {
				return err
			}
			if r.parent != "" {
				setString(req, "parent", parent)
			}
			setString(req, r.singular+"_id", id)
			req.Set(req.Descriptor().Fields().ByName(protoreflect.Name(r.singular)), protoreflect.ValueOfMessage(msg))
			resp, err := call(cmd, cf, r, "Create"+r.method, req, r.method)
			if err != nil {
				return err
			}
			return printOne(cmd.OutOrStdout(), cf.output, resp)
		},
	}
	e.add(cmd)
	return cmd
}

// splitName splits "parent/collection/id" into parent and id.
func splitName(name, collection string) (string, string, error) {
	i := strings.LastIndex(name, "/"+collection+"/")
	if i < 0 {
		if rest, ok := strings.CutPrefix(name, collection+"/"); ok {
			return "", rest, nil
		}
		return "", "", usageError{fmt.Errorf("%q is not a %s name", name, collection)}
	}
	return name[:i], name[i+len(collection)+2:], nil
}

func updateCmd(r resource, cf *clientFlags) *cobra.Command {
	var e editFlags
	var etag string
	cmd := &cobra.Command{
		Use:   "update NAME",
		Short: "Update fields of a " + r.singular + " (only the fields given are changed)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			msg, paths, err := e.build(cmd, r)
			if err != nil {
				return err
			}
			if len(paths) == 0 {
				return usageError{fmt.Errorf("nothing to update: give --set or -f")}
			}
			setString(msg, "name", a[0])
			if etag != "" {
				setString(msg, "etag", etag)
			}
			req, err := newMessage("Update" + r.method + "Request")
			if err != nil {
				return err
			}
			req.Set(req.Descriptor().Fields().ByName(protoreflect.Name(r.singular)), protoreflect.ValueOfMessage(msg))
			mask := &fieldmaskpb.FieldMask{Paths: dedupe(paths)}
			req.Set(req.Descriptor().Fields().ByName("update_mask"), protoreflect.ValueOfMessage(mask.ProtoReflect()))
			resp, err := call(cmd, cf, r, "Update"+r.method, req, r.method)
			if err != nil {
				return err
			}
			return printOne(cmd.OutOrStdout(), cf.output, resp)
		},
	}
	e.add(cmd)
	cmd.Flags().StringVar(&etag, "etag", "", "fail with ABORTED unless the stored etag is this one")
	return cmd
}

func deleteCmd(r resource, cf *clientFlags) *cobra.Command {
	var etag string
	var force bool
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a " + r.singular,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			req, err := newMessage("Delete" + r.method + "Request")
			if err != nil {
				return err
			}
			setString(req, "name", a[0])
			setString(req, "etag", etag)
			if fd := req.Descriptor().Fields().ByName("force"); fd != nil {
				req.Set(fd, protoreflect.ValueOfBool(force))
			} else if force {
				return usageError{fmt.Errorf("--force: %s have no children", r.plural)}
			}
			if _, err := call(cmd, cf, r, "Delete"+r.method, req, "google.protobuf.Empty"); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "deleted", a[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&etag, "etag", "", "fail with ABORTED unless the stored etag is this one")
	cmd.Flags().BoolVar(&force, "force", false, "also delete every child resource")
	return cmd
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
