package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func newLogCmd(cf *clientFlags) *cobra.Command {
	var resource, principal, since, until string
	var pageSize int32
	var all bool
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Show the change log: who changed what, when",
		Example: `  concord log --resource academies/kz-border-academy --since 24h
  concord log --principal kz-editor --since 2026-11-01 --all`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			req := &pb.ListChangesRequest{Resource: resource, Principal: principal, PageSize: pageSize}
			var err error
			if req.StartTime, err = parseWhen("--since", since); err != nil {
				return err
			}
			if req.EndTime, err = parseWhen("--until", until); err != nil {
				return err
			}
			return withConn(cmd, cf, func(ctx context.Context, conn *grpc.ClientConn) error {
				client := pb.NewAuditServiceClient(conn)
				var changes []*pb.Change
				for {
					resp, err := client.ListChanges(ctx, req)
					if err != nil {
						return err
					}
					changes = append(changes, resp.GetChanges()...)
					req.PageToken = resp.GetNextPageToken()
					if req.PageToken == "" || (!all && len(changes) > 0) {
						break
					}
				}
				if cf.output == "json" {
					return printOne(cmd.OutOrStdout(), "json", (&pb.ListChangesResponse{Changes: changes, NextPageToken: req.PageToken}).ProtoReflect())
				}
				return printChanges(cmd.OutOrStdout(), changes, req.PageToken)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&resource, "resource", "", "only this resource and those below it (a name or a collection)")
	f.StringVar(&principal, "principal", "", "only changes made by this principal (a token's name)")
	f.StringVar(&since, "since", "", "only changes at or after this time: RFC 3339, a date (2026-11-01) or a duration ago (24h)")
	f.StringVar(&until, "until", "", "only changes before this time (same forms)")
	f.Int32Var(&pageSize, "page-size", 0, "changes per page (server default 50, at most 1000)")
	f.BoolVar(&all, "all", false, "fetch every page")
	return cmd
}

// parseWhen reads a time as RFC 3339, a date, or a duration before now.
func parseWhen(flag, s string) (*timestamppb.Timestamp, error) {
	if s == "" {
		return nil, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		return timestamppb.New(time.Now().Add(-d)), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return timestamppb.New(t), nil
		}
	}
	return nil, usageError{fmt.Errorf("%s %q: want RFC 3339 (2026-11-01T09:00:00Z), a date (2026-11-01) or a duration (24h)", flag, s)}
}

func printChanges(w io.Writer, cs []*pb.Change, next string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME\tPRINCIPAL\tOPERATION\tRESOURCE\tETAG")
	for _, c := range cs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.GetSequence(), c.GetTime().AsTime().Format(time.RFC3339),
			c.GetPrincipal(), c.GetOperation(), c.GetResource(), c.GetEtag())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if next != "" {
		fmt.Fprintf(w, "\n%d shown; more with --all\n", len(cs))
	}
	return nil
}
