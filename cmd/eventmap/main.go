// Command eventmap turns news articles into dated events on a world map.
//
// Run without arguments it opens the desktop app; with a subcommand it works
// headless (see "eventmap help").
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"
)

// version and commit are stamped at build time with
// -ldflags "-X main.version=... -X main.commit=..." (see the Makefile).
var (
	version = "dev"
	commit  = "unknown"
)

// env is what a subcommand gets from the process: its arguments and streams.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand of the CLI.
type command struct {
	name    string
	usage   string
	summary string
	run     func(ctx context.Context, e env) int
}

// commands lists every subcommand in the order "eventmap help" shows them.
func commands() []command {
	return []command{
		{name: "version", usage: "eventmap version", summary: "print the version and commit", run: runVersion},
		{name: "ingest", usage: ingestUsage, summary: "read articles, geoparse them and store their events", run: runIngest},
		{name: "query", usage: queryUsage, summary: "list the stored events a filter selects", run: runQuery},
		{name: "export", usage: exportUsage, summary: "write the events a filter selects as GeoJSON, CSV or KML", run: runExport},
		{name: "geoparse", usage: geoparseUsage, summary: "find, place and date the places an article names", run: runGeoparse},
		{name: "geocode", usage: "eventmap geocode [--json] [--country CC] [--limit N] NAME", summary: "list the places a name can mean, best first", run: runGeocode},
		{name: "gazetteer", usage: "eventmap gazetteer import [--gazetteer FILE] FILE...", summary: "import GeoNames dumps into the user gazetteer", run: runGazetteer},
		{name: "repair", usage: repairUsage, summary: "check a damaged events database and rebuild it from what can be read, keeping a backup", run: runRepair},
		{name: "eval", usage: "eventmap eval [--json] CORPUS.xml...", summary: "score the geoparser on LGL/TR-News/GeoVirus corpora", run: runEval},
		{name: "snapshot", usage: snapshotUsage, summary: "draw the main window into a PNG without a display", run: runSnapshot},
		{name: "help", usage: "eventmap help [COMMAND]", summary: "list the subcommands, or explain one", run: runHelp},
	}
}

// mainStart is when main began.
var mainStart time.Time

func main() {
	mainStart = time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := dispatch(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// dispatch runs the subcommand named by args[0], or the desktop app when
// there are no arguments. It returns the process exit status.
func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runGUI(ctx, env{stdin: stdin, stdout: stdout, stderr: stderr})
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			out := &stickyWriter{w: stdout}
			code := c.run(ctx, env{args: args[1:], stdin: stdin, stdout: out, stderr: stderr})
			if out.err != nil && code == 0 {
				fmt.Fprintf(stderr, "eventmap %s: writing the output: %v\n", c.name, out.err)
				code = 1
			}
			return code
		}
	}
	fmt.Fprintf(stderr, "eventmap: unknown command %q; run \"eventmap help\" for the list\n", args[0])
	return 2
}

func runVersion(_ context.Context, e env) int {
	fmt.Fprintf(e.stdout, "eventmap %s (commit %s)\n", version, commit)
	return 0
}

func runHelp(_ context.Context, e env) int {
	if len(e.args) > 0 {
		for _, c := range commands() {
			if c.name == e.args[0] {
				fmt.Fprintf(e.stdout, "usage: %s\n\n%s\n", c.usage, c.summary)
				return 0
			}
		}
		fmt.Fprintf(e.stderr, "eventmap help: unknown command %q\n", e.args[0])
		return 2
	}
	var b strings.Builder
	b.WriteString("eventmap turns news articles into dated events on a world map.\n\n")
	b.WriteString("usage:\n  eventmap                open the desktop app\n  eventmap COMMAND [ARGS]  run a command headless\n\ncommands:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	b.WriteString("\nRun \"eventmap help COMMAND\" for the flags of one command.\n")
	io.WriteString(e.stdout, b.String())
	return 0
}
