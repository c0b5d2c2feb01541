package main

// A minimal WebSocket client (RFC 6455), enough for Jupyter's kernel
// channels: text and binary messages, fragmentation, ping/pong and close.
// It keeps the load test free of dependencies beyond the standard library.

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// wsConn is one client connection. Reads must come from one goroutine;
// writes may come from several.
type wsConn struct {
	conn net.Conn
	r    *bufio.Reader
	wmu  sync.Mutex
}

// wsAcceptKey is the Sec-WebSocket-Accept value a server must answer for
// key: base64(SHA-1(key + the RFC's GUID)).
func wsAcceptKey(key string) string {
	h := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	return base64.StdEncoding.EncodeToString(h[:])
}

// wsDial opens rawURL (ws:// only) with the given extra request headers.
func wsDial(rawURL string, header http.Header) (*wsConn, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "ws" {
		return nil, fmt.Errorf("websocket: only ws:// is supported, not %q", u.Scheme)
	}
	host := u.Host
	if u.Port() == "" {
		host += ":80"
	}
	conn, err := net.Dial("tcp", host)
	if err != nil {
		return nil, err
	}
	var nonce [16]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		conn.Close()
		return nil, err
	}
	key := base64.StdEncoding.EncodeToString(nonce[:])
	var req strings.Builder
	fmt.Fprintf(&req, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n", u.RequestURI(), u.Host)
	fmt.Fprintf(&req, "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n", key)
	for k, vs := range header {
		for _, v := range vs {
			fmt.Fprintf(&req, "%s: %s\r\n", k, v)
		}
	}
	req.WriteString("\r\n")
	if _, err := io.WriteString(conn, req.String()); err != nil {
		conn.Close()
		return nil, err
	}
	r := bufio.NewReaderSize(conn, 64<<10)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		conn.Close()
		return nil, fmt.Errorf("websocket: %s: %s", resp.Status, body)
	}
	if resp.Header.Get("Sec-WebSocket-Accept") != wsAcceptKey(key) {
		conn.Close()
		return nil, errors.New("websocket: wrong Sec-WebSocket-Accept")
	}
	return &wsConn{conn: conn, r: r}, nil
}

// writeFrame sends one final frame; client frames are always masked.
func (c *wsConn) writeFrame(opcode byte, payload []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := c.conn.Write(wsEncodeFrame(opcode, payload))
	return err
}

// wsEncodeFrame builds a final, masked client frame.
func wsEncodeFrame(opcode byte, payload []byte) []byte {
	n := len(payload)
	buf := []byte{0x80 | opcode}
	switch {
	case n < 126:
		buf = append(buf, 0x80|byte(n))
	case n < 1<<16:
		buf = append(buf, 0x80|126, byte(n>>8), byte(n))
	default:
		buf = append(buf, 0x80|127)
		buf = binary.BigEndian.AppendUint64(buf, uint64(n))
	}
	var mask [4]byte
	_, _ = rand.Read(mask[:])
	buf = append(buf, mask[:]...)
	for i, b := range payload {
		buf = append(buf, b^mask[i%4])
	}
	return buf
}

// WriteText sends one text message.
func (c *wsConn) WriteText(b []byte) error { return c.writeFrame(0x1, b) }

// ReadMessage returns the next text or binary message, answering pings and
// joining fragments. A close frame returns io.EOF.
func (c *wsConn) ReadMessage() (opcode byte, msg []byte, err error) {
	for {
		fin, op, payload, err := wsReadFrame(c.r)
		if err != nil {
			return 0, nil, err
		}
		switch op {
		case 0x8:
			_ = c.writeFrame(0x8, nil)
			return 0, nil, io.EOF
		case 0x9:
			if err := c.writeFrame(0xA, payload); err != nil {
				return 0, nil, err
			}
			continue
		case 0xA:
			continue
		case 0x0:
			msg = append(msg, payload...)
		default:
			opcode, msg = op, payload
		}
		if fin {
			return opcode, msg, nil
		}
	}
}

// wsReadFrame reads one frame (server frames are not masked, but a masked
// one is unmasked anyway).
func wsReadFrame(r io.Reader) (fin bool, opcode byte, payload []byte, err error) {
	var h [2]byte
	if _, err = io.ReadFull(r, h[:]); err != nil {
		return
	}
	fin, opcode = h[0]&0x80 != 0, h[0]&0x0f
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var b [2]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		if _, err = io.ReadFull(r, b[:]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(b[:])
	}
	if n > 256<<20 {
		return false, 0, nil, fmt.Errorf("websocket: frame of %d bytes", n)
	}
	var mask [4]byte
	masked := h[1]&0x80 != 0
	if masked {
		if _, err = io.ReadFull(r, mask[:]); err != nil {
			return
		}
	}
	payload = make([]byte, n)
	if _, err = io.ReadFull(r, payload); err != nil {
		return
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return
}

// Close closes the connection without the closing handshake.
func (c *wsConn) Close() error { return c.conn.Close() }
