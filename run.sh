#!/usr/bin/env bash
# Runs the whole system locally: Kafka, PostgreSQL, SMTP (with a mail read API), Keycloak (sign-in) and the
# four services.
# Builds what is missing or older than its sources first. Ctrl-C stops everything; if the launcher dies
# instead (even by kill -9), watchdogs stop the services and PostgreSQL, and the next run stops whatever
# an earlier run on the same data folder still left running (--stale=fail: report it and exit 1).
# Secrets (demo tokens, widget key) never reach the console: they are in .data/demo-credentials.env.
#
#   ./run.sh                 everything (ports 8081-8084, Kafka 9092, PostgreSQL 15432, SMTP 2525, mail API 8025)
#   ./run.sh --infra-only    Kafka, PostgreSQL and SMTP only
#   ./run.sh --no-oidc       without Keycloak (sign-in on http://localhost:8180, realm chat-privacy)
#   ./run.sh --replicas=2    two instances of each service (8081-8084 and 8181-8184), one database and
#                            one consumer group per service
#   ./run.sh --help          all options and environment variables
#
# STACK_JAVA_OPTS: JVM options of the launcher (which hosts Kafka and SMTP); default -Xmx768m.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v java >/dev/null 2>&1; then
    echo "run.sh: java not found; install a JDK 17 or newer" >&2
    exit 1
fi
java_version=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
java_major=${java_version%%.*}
if [[ "$java_major" == "1" ]]; then
    java_major=$(echo "$java_version" | cut -d. -f2)
fi
if ! [[ "$java_major" =~ ^[0-9]+$ ]] || (( java_major < 17 )); then
    echo "run.sh: Java 17 or newer needed, found '${java_version:-unknown}'" >&2
    exit 1
fi

# --infra-only and --help need the launcher only, not the services
launcher_only=false
for arg in "$@"; do
    case "$arg" in
        -h|--help|--infra-only) launcher_only=true ;;
    esac
done

# stale JAR PATH...: true if JAR is missing or any existing PATH has a file newer than it
stale() {
    local jar=$1
    shift
    [[ -f "$jar" ]] || return 0
    local existing=()
    local p
    for p in "$@"; do
        [[ -e "$p" ]] && existing+=("$p")
    done
    (( ${#existing[@]} == 0 )) && return 1
    [[ -n "$(find "${existing[@]}" -newer "$jar" -print -quit 2>/dev/null || true)" ]]
}

services=(consent-service request-service deletion-service notification-service)
build=false
if stale stack/target/stack.jar stack/src stack/pom.xml infra/src infra/pom.xml pom.xml; then
    build=true
fi
# Keycloak (the sign-in provider), unpacked by the stack's build
if [[ ! -d stack/target/keycloak ]]; then
    build=true
fi
if ! $launcher_only; then
    for service in "${services[@]}"; do
        if stale "$service/target/quarkus-app/quarkus-run.jar" "$service/src" "$service/pom.xml" \
            platform/src platform/pom.xml pom.xml; then
            build=true
        fi
    done
    # the agents' and owners' console
    if stale console/target/quarkus-app/quarkus-run.jar console/src console/pom.xml pom.xml; then
        build=true
    fi
fi

if $build; then
    maven_args=(-q -Dmaven.test.skip=true -Dspotless.check.skip=true -Dimages.skip)
    if $launcher_only; then
        echo "Building the stack launcher (./mvnw ${maven_args[*]} -pl stack -am package)..."
        ./mvnw "${maven_args[@]}" -pl stack -am package
    else
        echo "Building (./mvnw ${maven_args[*]} package)..."
        ./mvnw "${maven_args[@]}" package
    fi
fi

# shellcheck disable=SC2086 # STACK_JAVA_OPTS is a list of options
exec java ${STACK_JAVA_OPTS:--Xmx768m} -cp "stack/target/stack.jar:stack/target/lib/*" io.chatprivacy.stack.Stack "$@"
