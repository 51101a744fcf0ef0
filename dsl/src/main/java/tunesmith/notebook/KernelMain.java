package tunesmith.notebook;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -cp ... tunesmith.notebook.KernelMain CONNECTION_FILE}, as the
 * kernelspec written by {@code tunesmith kernel install} does.
 */
public final class KernelMain {

    private KernelMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp CLASSPATH tunesmith.notebook.KernelMain CONNECTION_FILE\n"
                    + "Jupyter starts this with the connection file it wrote; install the kernel with "
                    + "'./scripts/tunesmith kernel install' and choose \"Tunesmith (Java)\" in Jupyter.");
            System.exit(1);
        }
        Path file = Path.of(args[0]);
        if (!Files.isReadable(file)) {
            System.err.println("tunesmith kernel: cannot read the connection file " + file
                    + "; Jupyter writes it before starting the kernel, so start the kernel from Jupyter");
            System.exit(2);
        }
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(file));
        TunesmithKernel kernel = new TunesmithKernel();
        // not JJava's own connection: one forged message would end its shell or control thread
        GuardedConnection connection = new GuardedConnection(properties);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        kernel.onStartup();
        handleSigint(kernel);
        connection.waitUntilClose();
        System.exit(0);   // JShell and training threads must not keep a shut-down kernel alive
    }

    /**
     * SIGINT interrupts the running cell instead of killing the kernel (for frontends that signal
     * even though the kernelspec asks for interrupt messages). Skipped where the JVM has no signals.
     */
    private static void handleSigint(TunesmithKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> kernel.interrupt());
        } catch (IllegalArgumentException | UnsupportedOperationException noSignals) {
            // the JVM reserves SIGINT here (e.g. -Xrs): interrupts come as messages only
        }
    }
}
