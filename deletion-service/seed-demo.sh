#!/usr/bin/env bash
# Seeds demo chats and tickets into the local stack's demo account, as the chat platform would: over
# deletion-service's HTTP ingest with the demo PLATFORM_TOKEN. Some chats and tickets carry the tag
# "Delete" (in the archive itself or through a later tag change), the others do not.
#
#   ./run.sh                                  (in another terminal: the local stack)
#   deletion-service/seed-demo.sh [CHATS] [TICKETS]      default 12 chats, 4 tickets
#
# Every run adds a fresh set (ids carry the run's time stamp), so the walk in deletion-service/README.md
# can be repeated after a purge. Environment: DEMO_CREDENTIALS (default .data/demo-credentials.env),
# DELETION_URL (default http://localhost:8083), DELETION_MANAGEMENT_URL (its health, default http://localhost:9083).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

credentials=${DEMO_CREDENTIALS:-.data/demo-credentials.env}
url=${DELETION_URL:-http://localhost:8083}
management_url=${DELETION_MANAGEMENT_URL:-http://localhost:9083}
chats=${1:-12}
tickets=${2:-4}

if [[ ! -f "$credentials" ]]; then
    echo "seed-demo: $credentials not found; start the local stack first (./run.sh)" >&2
    exit 1
fi
set -a
# shellcheck disable=SC1090
. "$credentials"
set +a
if [[ -z "${ACCOUNT_ID:-}" || -z "${PLATFORM_TOKEN:-}" ]]; then
    echo "seed-demo: ACCOUNT_ID and PLATFORM_TOKEN must be in $credentials" >&2
    exit 1
fi
if ! curl -fsS -o /dev/null "$management_url/q/health/ready"; then
    echo "seed-demo: deletion-service is not ready at $url" >&2
    exit 1
fi

stamp=$(date -u +%Y%m%d%H%M%S)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)

post() { # path body -> prints the HTTP status, fails on anything but 200/201
    local status
    status=$(curl -sS -o /tmp/seed-demo.$$ -w '%{http_code}' -X POST "$url/accounts/$ACCOUNT_ID$1" \
        -H "Authorization: Bearer $PLATFORM_TOKEN" -H 'Content-Type: application/json' -d "$2")
    if [[ "$status" != 200 && "$status" != 201 ]]; then
        echo "seed-demo: POST $1 answered $status: $(cat /tmp/seed-demo.$$)" >&2
        rm -f /tmp/seed-demo.$$
        exit 1
    fi
    rm -f /tmp/seed-demo.$$
}

first_names=(Ada Ben Cleo Dev Emma Finn Gus Hana Ivo Jade Kai Lena)
deleted_chats=0
for ((i = 1; i <= chats; i++)); do
    name=${first_names[$(((i - 1) % ${#first_names[@]}))]}
    id="demo-$stamp-chat-$i"
    visitor="visitor-$stamp-$i"
    email=$(echo "$name.$stamp.$i@visitors.example" | tr '[:upper:]' '[:lower:]')
    tags='[]'
    if ((i <= chats / 3)); then
        tags='["Delete"]'
        deleted_chats=$((deleted_chats + 1))
    fi
    post /chats "{\"chatId\":\"$id\",\"visitorId\":\"$visitor\",\"visitorEmail\":\"$email\",
        \"visitorName\":\"$name Example\",\"agentIds\":[\"agent-1\"],\"startedAt\":\"$now\",\"endedAt\":\"$now\",
        \"messages\":[
          {\"authorType\":\"VISITOR\",\"authorId\":\"$visitor\",\"text\":\"Hi, I am $name and my order $i is late.\",\"sentAt\":\"$now\"},
          {\"authorType\":\"AGENT\",\"authorId\":\"agent-1\",\"text\":\"Sorry $name, let me check order $i.\",\"sentAt\":\"$now\"}],
        \"tags\":$tags}"
done
# one more chat gets the tag later, as an agent would add it on the platform
if ((chats > 0)); then
    post /tags "{\"change\":\"ADDED\",\"targetType\":\"CHAT\",\"targetId\":\"demo-$stamp-chat-$chats\",\"tag\":\"Delete\"}"
    if ((chats > chats / 3)); then deleted_chats=$((deleted_chats + 1)); fi
fi

deleted_tickets=0
for ((i = 1; i <= tickets; i++)); do
    name=${first_names[$(((i - 1) % ${#first_names[@]}))]}
    id="demo-$stamp-ticket-$i"
    email=$(echo "$name.$stamp.$i@visitors.example" | tr '[:upper:]' '[:lower:]')
    post /tickets "{\"ticketId\":\"$id\",\"visitorId\":\"visitor-$stamp-$i\",\"requesterEmail\":\"$email\",
        \"requesterName\":\"$name Example\",\"subject\":\"Order $i is late\",\"status\":\"OPEN\",
        \"createdAt\":\"$now\",\"updatedAt\":\"$now\",\"chatIds\":[\"demo-$stamp-chat-$i\"],
        \"messages\":[{\"authorType\":\"VISITOR\",\"authorId\":\"visitor-$stamp-$i\",\"text\":\"Where is order $i?\",\"sentAt\":\"$now\"}],
        \"tags\":[]}"
    if ((i <= (tickets + 1) / 2)); then
        post /tags "{\"change\":\"ADDED\",\"targetType\":\"TICKET\",\"targetId\":\"$id\",\"tag\":\"Delete\"}"
        deleted_tickets=$((deleted_tickets + 1))
    fi
done

echo "Seeded account $ACCOUNT_ID: $chats chats and $tickets tickets (ids demo-$stamp-...);"
echo "tagged \"Delete\": $deleted_chats chats and $deleted_tickets tickets."
