// Command gosdk-check is a Go SDK v2 client of the local stack, the way an
// operator written in Go (ESO, seed 001's) configures itself: nothing but
// the standard shared-config chain (AWS_CONFIG_FILE, AWS_PROFILE, ...).
// It assumes the profile's role, then reads the secret named by its only
// argument without naming a stage, and prints what it saw as JSON: who it
// acted as and the version it read (never the value).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

type report struct {
	Account       string   `json:"account"`
	Arn           string   `json:"arn"`
	VersionID     string   `json:"versionId"`
	VersionStages []string `json:"versionStages"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gosdk-check SECRET_ID")
		os.Exit(2)
	}
	// bounded: a client dialling the real AWS here would otherwise hang
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		fail("load config", err)
	}
	identity, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fail("GetCallerIdentity", err)
	}
	secret, err := secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{
		SecretId: aws.String(os.Args[1]),
	})
	if err != nil {
		fail("GetSecretValue", err)
	}
	out, _ := json.Marshal(report{
		Account:       aws.ToString(identity.Account),
		Arn:           aws.ToString(identity.Arn),
		VersionID:     aws.ToString(secret.VersionId),
		VersionStages: secret.VersionStages,
	})
	fmt.Println(string(out))
}

func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "gosdk-check: %s: %v\n", what, err)
	os.Exit(1)
}
