package services

import (
	"context"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
)

func TestLimiterRefusesBeyondItsLimit(t *testing.T) {
	l := NewLimiter(2)
	unary := l.Unary()
	method := &grpc.UnaryServerInfo{FullMethod: "/concord.v1.AcademyService/ListAcademies"}
	entered, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := unary(context.Background(), nil, method, func(context.Context, any) (any, error) {
				entered <- struct{}{}
				<-release
				return nil, nil
			})
			done <- err
		}()
		<-entered
	}
	require.Equal(t, 2, l.InFlight())

	_, err := unary(context.Background(), nil, method, func(context.Context, any) (any, error) { return nil, nil })
	require.Equal(t, curricula.ERESOURCEEXHAUSTED, curricula.ErrorCode(err))
	require.ErrorContains(t, err, "limit of 2 concurrent requests")

	// Health checks are not counted.
	_, err = unary(context.Background(), nil, &grpc.UnaryServerInfo{FullMethod: "/grpc.health.v1.Health/Check"},
		func(context.Context, any) (any, error) { return nil, nil })
	require.NoError(t, err)

	close(release)
	require.NoError(t, <-done)
	require.NoError(t, <-done)
	require.Equal(t, 0, l.InFlight())
	_, err = unary(context.Background(), nil, method, func(context.Context, any) (any, error) { return nil, nil })
	require.NoError(t, err, "slots are given back")
}
