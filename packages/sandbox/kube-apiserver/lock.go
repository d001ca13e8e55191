//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockStateDir takes an exclusive, non-blocking lock on <state>/.lock so that
// a second server on the same state dir fails at once (instead of hanging on
// etcd's database lock). The lock lives as long as the process.
func lockStateDir(state string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(state, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("state dir %s is in use by another kube-apiserver: %w", state, err)
	}
	return f, nil
}
