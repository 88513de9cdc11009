package io.chatprivacy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlTest {

    @TempDir
    Path dir;

    /** A stand-in kubectl that reports the given client version (and renders nothing). */
    private Path fakeKubectl(String name, int minor) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(
                file, "#!/bin/sh\necho '{\"clientVersion\": {\"major\": \"1\", \"minor\": \"" + minor + "\"}}'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void thereIsOneOnThisMachine() {
        assertThat(Kubectl.find().minor()).isGreaterThanOrEqualTo(Kubectl.MIN_MINOR);
    }

    @Test
    void withoutAnyKubectlItSaysWhatItLookedFor() {
        assertThatThrownBy(() -> Kubectl.locate(null, dir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No kubectl >= 1.27 to render the kustomizations: set KUBECTL or put one on the PATH."
                        + " Looked at: nothing named kubectl on the PATH");
    }

    @Test
    void anOldKubectlIsPassedOverForANewerVersionedOneBesideIt() throws IOException {
        fakeKubectl("kubectl", 20);
        fakeKubectl("kubectl.1.26", 26);
        Path newest = fakeKubectl("kubectl.1.31", 31);
        fakeKubectl("kubectl.1.28", 28);

        Kubectl kubectl = Kubectl.locate(null, dir.toString());

        assertThat(kubectl.binary()).isEqualTo(newest);
        assertThat(kubectl.minor()).isEqualTo(31);
    }

    @Test
    void onlyTooOldOnesAreRefusedByName() throws IOException {
        Path old = fakeKubectl("kubectl", 20);

        assertThatThrownBy(() -> Kubectl.locate(null, dir.toString()))
                .hasMessageEndingWith("Looked at: " + old + " (1.20)");
    }
}
