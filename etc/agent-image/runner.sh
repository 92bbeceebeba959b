#!/bin/sh
# clawd agent runner (busybox sh). The NanoClaw run protocol:
#  - the prompt arrives on stdin (read to EOF);
#  - each result is printed between ---NANOCLAW_OUTPUT_START--- and ---NANOCLAW_OUTPUT_END---;
#  - while /workspace/ipc/input exists it is polled every 500 ms: each `*.json` file
#    ({"type":"message","text":"..."}) is a follow-up prompt, consumed (deleted) in name order;
#    an `_close` file ends the run (exit 0).
# Prompts it understands (a stand-in for a model):
#  - `fetch <path>`: GET $CLAWD_PROXY_URL/<path> through the credential proxy, sending the
#    placeholder credential $ANTHROPIC_API_KEY as x-api-key; the result is the response body;
#  - `env`: the container's environment (to show which credentials it can see);
#  - `sleep <s>`: waits, then answers "slept <s>";
#  - `history`: "history <n>", the number of prompts the session remembers (see below);
#  - `task <json>`: writes <json> to /workspace/ipc/tasks/ (tmp + rename), answers "task <file>";
#  - anything else: "received: <prompt>".
# The session: every prompt is appended as one line to $CLAWD_SESSION_DIR/history (the group's
# sessions directory, or a fresh one for an isolated run), after it is answered.
INPUT=/workspace/ipc/input
TASKS=/workspace/ipc/tasks
SESSION="${CLAWD_SESSION_DIR:-}"

emit() {
    echo "---NANOCLAW_OUTPUT_START---"
    printf '%s\n' "$1"
    echo "---NANOCLAW_OUTPUT_END---"
}

handle() {
    prompt="$1"
    case "$prompt" in
        fetch\ *)
            path="${prompt#fetch }"
            body="$(wget -q -O - --header "x-api-key: ${ANTHROPIC_API_KEY:-none}" "${CLAWD_PROXY_URL:-http://host.containers.internal:3001}/$path" 2>&1)"
            emit "fetched: $body"
            ;;
        env) emit "$(env | sort)" ;;
        sleep\ *) sleep "${prompt#sleep }"; emit "slept ${prompt#sleep }" ;;
        history)
            n=0
            [ -n "$SESSION" ] && [ -f "$SESSION/history" ] && n="$(grep -c '' "$SESSION/history")"
            emit "history $n"
            ;;
        task\ *)
            name="$(date +%s)-$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ').json"
            printf '%s\n' "${prompt#task }" > "$TASKS/.$name.tmp" && mv "$TASKS/.$name.tmp" "$TASKS/$name"
            emit "task $name"
            ;;
        *) emit "received: $prompt" ;;
    esac
    if [ -n "$SESSION" ] && [ -d "$SESSION" ]; then
        printf '%s\n' "$prompt" | head -n 1 >> "$SESSION/history"
    fi
}

# The text of {"type":"message","text":"..."} (clawd writes it on one line; \" and \\ unescaped).
text_of() {
    sed -n 's/.*"text"[[:space:]]*:[[:space:]]*"\(\([^"\\]\|\\.\)*\)".*/\1/p' "$1" | sed 's/\\"/"/g; s/\\\\/\\/g'
}

prompt="$(cat)"
[ -n "$prompt" ] && handle "$prompt"

[ -d "$INPUT" ] || exit 0
echo "agent-runner: waiting for follow-ups in $INPUT" >&2
while :; do
    if [ -e "$INPUT/_close" ]; then
        rm -f "$INPUT/_close"
        echo "agent-runner: _close received" >&2
        exit 0
    fi
    for f in "$INPUT"/*.json; do
        [ -f "$f" ] || continue
        text="$(text_of "$f")"
        rm -f "$f"
        handle "$text"
    done
    sleep 0.5
done
