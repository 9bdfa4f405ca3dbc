package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The launcher and the provider service talk in frames: a type byte, a 4-byte big-endian payload
// length and the payload (docs/provider-service.md, "Frames").

const (
	frameSession = 'S' // launcher: open a session (header, arguments, environment)
	frameStatus  = 'T' // launcher: status
	frameStop    = 'Q' // launcher: stop
	frameOut     = 'O' // service: bytes for the launcher's stdout
	frameErr     = 'E' // service: bytes for the launcher's stderr
	frameExit    = 'X' // service: the session ended with this exit code
	frameRefused = 'R' // service: refused, with the reason
	frameAnswer  = 'D' // service: the answer to T or Q
)

// maxPayload bounds what one frame may make the other side allocate.
const maxPayload = 16 << 20

const frameHeaderSize = 5

func writeFrame(w io.Writer, kind byte, payload []byte) error {
	if len(payload) > maxPayload {
		return fmt.Errorf("a %c frame of %d bytes is over the %d byte limit", kind, len(payload), maxPayload)
	}
	// One buffer and one write: a frame is never split between two writes, and the service reads the
	// session request with one system call.
	frame := make([]byte, frameHeaderSize, frameHeaderSize+len(payload))
	frame[0] = kind
	binary.BigEndian.PutUint32(frame[1:], uint32(len(payload)))
	_, err := w.Write(append(frame, payload...))
	return err
}

// readFrame returns io.EOF only when the stream ends cleanly between two frames; a stream that ends
// inside a frame is io.ErrUnexpectedEOF.
func readFrame(r io.Reader) (byte, []byte, error) {
	var header [frameHeaderSize]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return 0, nil, err
	}
	length := binary.BigEndian.Uint32(header[1:])
	if length > maxPayload {
		return 0, nil, fmt.Errorf("a %c frame of %d bytes is over the %d byte limit", header[0], length, maxPayload)
	}
	payload := make([]byte, length)
	if _, err := io.ReadFull(r, payload); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return 0, nil, err
	}
	return header[0], payload, nil
}

// appendStrings adds a string list: a count, then each string's length and bytes.
func appendStrings(buf []byte, list []string) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(list)))
	for _, s := range list {
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(s)))
		buf = append(buf, s...)
	}
	return buf
}

var errShortList = errors.New("a string list runs past the end of its frame")

// readStrings takes one string list off the front of payload and returns the rest.
func readStrings(payload []byte) ([]string, []byte, error) {
	if len(payload) < 4 {
		return nil, nil, errShortList
	}
	count := binary.BigEndian.Uint32(payload)
	payload = payload[4:]
	// Each string needs at least its length: a count larger than that cannot be honest, and must not
	// make us allocate for it.
	if uint64(count)*4 > uint64(len(payload)) {
		return nil, nil, errShortList
	}
	list := make([]string, 0, count)
	for i := uint32(0); i < count; i++ {
		if len(payload) < 4 {
			return nil, nil, errShortList
		}
		length := binary.BigEndian.Uint32(payload)
		payload = payload[4:]
		if uint64(length) > uint64(len(payload)) {
			return nil, nil, errShortList
		}
		list = append(list, string(payload[:length]))
		payload = payload[length:]
	}
	return list, payload, nil
}

// sessionPayload is the S frame's payload: the header, the arguments and the environment.
func sessionPayload(header, args, env []string) []byte {
	size := 0
	for _, list := range [][]string{header, args, env} {
		size += 4
		for _, s := range list {
			size += 4 + len(s)
		}
	}
	buf := make([]byte, 0, size)
	buf = appendStrings(buf, header)
	buf = appendStrings(buf, args)
	return appendStrings(buf, env)
}
