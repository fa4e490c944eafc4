package server_test

import (
	"net"
	"testing"
	"time"

	"golang.org/x/net/http2"

	"github.com/cnbudget/cnbudget/server"
)

// TestFlowControlWindows reads the windows a client is granted off the wire: the
// server's SETTINGS (a call's window) and its WINDOW_UPDATE on the connection, sent
// before it acknowledges the client's SETTINGS. What a client may send ahead of the
// server reading it is what keeps a busy server's core fed; see DefaultConnWindow.
func TestFlowControlWindows(t *testing.T) {
	const grpcDefault = 65535 // HTTP/2's initial window, which gRPC starts from
	tests := []struct {
		name       string
		opts       server.Options
		wantStream uint32
		wantConn   uint32
	}{
		{"defaults", server.Options{}, server.DefaultStreamWindow, server.DefaultConnWindow},
		{"set", server.Options{StreamWindow: 256 << 10, ConnWindow: 8 << 20}, 256 << 10, 8 << 20},
		// gRPC's own: no window raised at once; its estimate grows them later.
		{"gRPC's own", server.Options{StreamWindow: -1}, grpcDefault, grpcDefault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := startTCP(t, newFake(), tt.opts)
			stream, conn := windows(t, ts.addr)
			if stream != tt.wantStream || conn != tt.wantConn {
				t.Errorf("windows: call %d, connection %d bytes; want %d, %d", stream, conn, tt.wantStream, tt.wantConn)
			}
		})
	}
}

// windows opens an HTTP/2 connection to addr and returns the call and connection
// windows the server grants before acknowledging the client's settings.
func windows(t *testing.T, addr string) (stream, conn uint32) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte(http2.ClientPreface)); err != nil {
		t.Fatal(err)
	}
	fr := http2.NewFramer(c, c)
	if err := fr.WriteSettings(); err != nil {
		t.Fatal(err)
	}
	stream, conn = 65535, 65535
	for {
		f, err := fr.ReadFrame()
		if err != nil {
			t.Fatalf("reading the server's frames: %v", err)
		}
		switch f := f.(type) {
		case *http2.SettingsFrame:
			if f.IsAck() {
				return stream, conn
			}
			if v, ok := f.Value(http2.SettingInitialWindowSize); ok {
				stream = v
			}
			if err := fr.WriteSettingsAck(); err != nil {
				t.Fatal(err)
			}
		case *http2.WindowUpdateFrame:
			if f.StreamID == 0 {
				conn += f.Increment
			}
		}
	}
}
