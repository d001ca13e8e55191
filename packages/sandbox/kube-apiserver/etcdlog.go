package main

import (
	"sync/atomic"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// etcdShuttingDown silences the embedded etcd's logs (below fatal) once the
// wrapper closes it: etcd.Close() logs every closed listener as an error with
// a stack trace, which would bury the apiserver's own last words in the log.
var etcdShuttingDown atomic.Bool

type quietOnShutdownCore struct{ zapcore.Core }

func (c quietOnShutdownCore) With(f []zapcore.Field) zapcore.Core {
	return quietOnShutdownCore{c.Core.With(f)}
}

func (c quietOnShutdownCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if etcdShuttingDown.Load() && e.Level < zapcore.FatalLevel {
		return ce
	}
	return c.Core.Check(e, ce)
}

func newEtcdLogger(level string) (*zap.Logger, error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, err
	}
	cfg := zap.NewProductionConfig()
	cfg.Level = zap.NewAtomicLevelAt(lvl)
	cfg.Sampling = nil
	cfg.OutputPaths = []string{"stderr"}
	cfg.ErrorOutputPaths = []string{"stderr"}
	cfg.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	return cfg.Build(zap.WrapCore(func(c zapcore.Core) zapcore.Core { return quietOnShutdownCore{c} }))
}
