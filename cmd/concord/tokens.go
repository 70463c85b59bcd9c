package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/cmd/internal/server"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/services"
	"github.com/concord-ibm/concord/storage"
	"github.com/spf13/cobra"
)

// tokenAPI is the token service, over gRPC or, with --data-dir, directly
// on a stopped server's data file.
type tokenAPI interface {
	CreateToken(context.Context, *pb.CreateTokenRequest) (*pb.CreateTokenResponse, error)
	ListTokens(context.Context, *pb.ListTokensRequest) (*pb.ListTokensResponse, error)
	RevokeToken(context.Context, *pb.RevokeTokenRequest) (*pb.Token, error)
}

type remoteTokens struct{ c pb.TokenServiceClient }

func (r remoteTokens) CreateToken(ctx context.Context, req *pb.CreateTokenRequest) (*pb.CreateTokenResponse, error) {
	return r.c.CreateToken(ctx, req)
}

func (r remoteTokens) ListTokens(ctx context.Context, req *pb.ListTokensRequest) (*pb.ListTokensResponse, error) {
	return r.c.ListTokens(ctx, req)
}

func (r remoteTokens) RevokeToken(ctx context.Context, req *pb.RevokeTokenRequest) (*pb.Token, error) {
	return r.c.RevokeToken(ctx, req)
}

func newTokensCmd(cf *clientFlags) *cobra.Command {
	var dataDir string
	cmd := &cobra.Command{
		Use:   "tokens",
		Short: "Manage API tokens (admin)",
		Long: `Manage the API bearer tokens. The server keeps only each secret's SHA-256;
the secret is printed once, by create.

Against a running server these commands need an admin token (--token).
The first admin token is made either on a server that has no token yet
and listens on loopback only (it is open until the first token exists),
or with --data-dir on the data directory of a stopped server.`,
	}
	cmd.PersistentFlags().StringVar(&dataDir, "data-dir", "", "work on this data directory directly (the server must be stopped) instead of over gRPC")
	with := func(c *cobra.Command, fn func(ctx context.Context, api tokenAPI) error) error {
		ctx, cancel := cf.context(c)
		defer cancel()
		if dataDir != "" {
			db, err := storage.Open(server.StorePath(dataDir), storage.Options{Timeout: time.Second})
			if err != nil {
				return err
			}
			defer db.Close()
			return services.ToStatus(ctx, slog.Default(), "tokens", fn(curricula.NewContext(ctx, curricula.Offline), services.NewTokenService(db))).Err()
		}
		conn, err := cf.dial()
		if err != nil {
			return err
		}
		defer conn.Close()
		return fn(ctx, remoteTokens{pb.NewTokenServiceClient(conn)})
	}
	cmd.AddCommand(tokensCreateCmd(cf, with), tokensListCmd(cf, with), tokensRevokeCmd(with))
	return cmd
}

type tokensRunner func(*cobra.Command, func(context.Context, tokenAPI) error) error

func tokensCreateCmd(cf *clientFlags, with tokensRunner) *cobra.Command {
	var role string
	var academies []string
	cmd := &cobra.Command{
		Use:   "create NAME",
		Short: "Create a token and print its secret (once)",
		Example: `  concord tokens create ops --role admin --data-dir data
  concord tokens create kz-editor --role editor --academy kz-border-academy`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			r, ok := pb.Token_Role_value[strings.ToUpper(role)]
			if !ok || r == 0 {
				return usageError{fmt.Errorf("--role %q: want admin, coordinator, editor or viewer", role)}
			}
			req := &pb.CreateTokenRequest{TokenId: strings.TrimPrefix(a[0], "tokens/"), Token: &pb.Token{Role: pb.Token_Role(r)}}
			for _, ac := range academies {
				if !strings.HasPrefix(ac, curricula.CollAcademies+"/") {
					ac = curricula.AcademyName(ac)
				}
				req.Token.Academies = append(req.Token.Academies, ac)
			}
			return with(cmd, func(ctx context.Context, api tokenAPI) error {
				resp, err := api.CreateToken(ctx, req)
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printOne(cmd.OutOrStdout(), "json", resp.ProtoReflect())
				}
				fmt.Fprintln(cmd.OutOrStdout(), resp.GetSecret())
				fmt.Fprintf(cmd.ErrOrStderr(), "created %s (%s%s); the secret above is not kept: store it now\n",
					resp.GetToken().GetName(), role, grantSuffix(resp.GetToken()))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "admin, coordinator, editor or viewer")
	cmd.Flags().StringArrayVar(&academies, "academy", nil, "an academy an editor may write (ID or name; repeatable)")
	cmd.MarkFlagRequired("role")
	return cmd
}

func grantSuffix(t *pb.Token) string {
	if len(t.GetAcademies()) == 0 {
		return ""
	}
	return " of " + strings.Join(t.GetAcademies(), ", ")
}

func tokensListCmd(cf *clientFlags, with tokensRunner) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List tokens, revoked ones included (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return with(cmd, func(ctx context.Context, api tokenAPI) error {
				resp, err := api.ListTokens(ctx, &pb.ListTokensRequest{})
				if err != nil {
					return err
				}
				if cf.output == "json" {
					return printOne(cmd.OutOrStdout(), "json", resp.ProtoReflect())
				}
				return printTokens(cmd.OutOrStdout(), resp.GetTokens())
			})
		},
	}
}

func printTokens(w io.Writer, ts []*pb.Token) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tACADEMIES\tCREATED\tCREATOR\tREVOKED")
	for _, t := range ts {
		revoked := ""
		if t.GetRevokeTime() != nil {
			revoked = t.GetRevokeTime().AsTime().Format(time.RFC3339) + " by " + t.GetRevoker()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.GetName(), strings.ToLower(t.GetRole().String()),
			strings.Join(t.GetAcademies(), ","), t.GetCreateTime().AsTime().Format(time.RFC3339), t.GetCreator(), revoked)
	}
	return tw.Flush()
}

func tokensRevokeCmd(with tokensRunner) *cobra.Command {
	return &cobra.Command{
		Use:   "revoke NAME",
		Short: "Revoke a token: it stops working at once",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			name := a[0]
			if !strings.HasPrefix(name, "tokens/") {
				name = curricula.TokenName(name)
			}
			return with(cmd, func(ctx context.Context, api tokenAPI) error {
				t, err := api.RevokeToken(ctx, &pb.RevokeTokenRequest{Name: name})
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "revoked %s at %s\n", t.GetName(), t.GetRevokeTime().AsTime().Format(time.RFC3339))
				return nil
			})
		},
	}
}
