import Foundation

/// `--cpu-seconds N`: past N seconds of CPU time the kernel signals the process (SIGXCPU), which
/// ends an endless loop however busy the machine is, and one second later kills it (SIGKILL).
///
/// So that `learn check` can say where the student's code was looping, the signal handler makes
/// the interrupted thread call `outOfCPUTime()` as if the looping code had called it (as Go's
/// runtime injects a call to preempt a goroutine): it pushes the interrupted instruction's
/// address as a return address and resumes at `outOfCPUTime`, which replies `{"outOfTime": true}`
/// and traps, outside the handler, so Swift's backtracer sees the student's frame just below it.
/// Where registers can't be reached this way, the handler only replies and aborts.
enum CPULimit {
    static func start(arguments: [String]) {
        guard let index = arguments.firstIndex(of: "--cpu-seconds"), index + 1 < arguments.count,
              let seconds = Int(arguments[index + 1]) else { return }
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_sigaction = handler
        #else
        action.__sigaction_u.__sa_sigaction = handler
        #endif
        action.sa_flags = SA_SIGINFO
        executableCode = findExecutableCode()
        // Everything the handler reads is made now: a handler must not run a lazy initializer.
        _ = (profilingTimer, outOfCPUTime, outOfTimeReply, injected, samples)
        sigaction(SIGXCPU, &action, nil)
        sigaction(SIGPROF, &action, nil)
        var limit = rlimit(rlim_cur: rlim_t(seconds), rlim_max: rlim_t(seconds + 1))
        #if os(Linux)
        setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &limit)
        #else
        setrlimit(RLIMIT_CPU, &limit)
        #endif
    }

    /// Where the looping thread resumes: no longer in a signal handler, so it may do anything.
    private static let outOfCPUTime: @convention(c) () -> Void = {
        ExerciseHarness.replyOutOfTime()
        fatalError("the CPU time of this check ran out")
    }

    private static let handler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { _, _, context in
        // Only async-signal-safe work here: registers are changed, nothing is allocated.
        guard !CPULimit.injected else { return }
        guard let context, let pc = CPULimit.interruptedInstruction(context) else {
            // No registers to change: reply (bytes made in advance, with write(2)) and stop here;
            // the backtrace will not reach the student's frame.
            let channel = ExerciseHarness.channel ?? STDOUT_FILENO
            CPULimit.outOfTimeReply.withUnsafeBytes { _ = write(channel, $0.baseAddress, $0.count) }
            abort()
        }
        // Stopped outside the executable's functions (in the stdlib's subscript, swift_retain, a
        // PLT stub …), the thread may not have set up a frame there, and the backtrace would skip
        // the student's. Then look again a millisecond of CPU time later (SIGPROF), up to half a
        // second: a loop that spends most of its time in the stdlib's checked subscripts (a debug
        // build) could otherwise be caught outside its own code a hundred times running.
        CPULimit.samples += 1
        if !CPULimit.isInExecutable(pc) && CPULimit.samples < 500 {
            var every = itimerval(it_interval: timeval(tv_sec: 0, tv_usec: 1000), it_value: timeval(tv_sec: 0, tv_usec: 1000))
            setitimer(profilingTimer, &every, nil)
            return
        }
        var off = itimerval()
        setitimer(profilingTimer, &off, nil)
        CPULimit.injected = true
        let target = UInt64(UInt(bitPattern: unsafeBitCast(CPULimit.outOfCPUTime, to: UnsafeRawPointer.self)))
        CPULimit.injectCall(to: target, in: context)
    }

    #if os(Linux)
    private static let profilingTimer = __itimer_which_t(ITIMER_PROF.rawValue)
    #else
    private static let profilingTimer = ITIMER_PROF
    #endif
    private static let outOfTimeReply = [UInt8]("{\"outOfTime\":true}\n".utf8)
    private static var injected = false
    private static var samples = 0
    /// The main executable's code, where the student's functions are: found before any signal.
    private static var executableCode: Range<UInt64> = 0..<0

    /// Whether `pc` lies in the main executable rather than in a library.
    private static func isInExecutable(_ pc: UInt64) -> Bool {
        executableCode.isEmpty || executableCode.contains(pc)
    }

    /// The executable's own functions: its `.text` section, where it is loaded. Not the rest of
    /// its code, such as the PLT's stubs that jump to a library without a frame of their own.
    /// Empty where it can't be read (then every sample counts).
    private static func findExecutableCode() -> Range<UInt64> {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8),
              let file = FileManager.default.contents(atPath: path),
              let text = textSection(of: [UInt8](file)) else { return 0..<0 }
        // The load address: the start of the executable's mapping of file offset 0.
        // "55d0c1a2b000-55d0c1a3c000 r--p 00000000 08:01 1234  /path/to/MomentumStep"
        let base = maps.split(separator: "\n").lazy.compactMap { line -> UInt64? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5...].joined(separator: " ") == path, UInt64(fields[2], radix: 16) == 0 else { return nil }
            return fields[0].split(separator: "-").first.flatMap { UInt64($0, radix: 16) }
        }.first
        guard let base else { return 0..<0 }
        return (base + text.lowerBound)..<(base + text.upperBound)
    }

    /// The addresses of the `.text` section of a 64-bit little-endian ELF file, relative to its load address.
    private static func textSection(of elf: [UInt8]) -> Range<UInt64>? {
        func integer(_ offset: Int, _ size: Int) -> UInt64? {
            guard offset >= 0, offset + size <= elf.count else { return nil }
            return (0..<size).reduce(UInt64(0)) { $0 | UInt64(elf[offset + $1]) << (8 * $1) }
        }
        guard elf.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]),  // "\u{7F}ELF", 64-bit, little-endian
              let sections = integer(0x28, 8), let entrySize = integer(0x3A, 2), let count = integer(0x3C, 2),
              let namesIndex = integer(0x3E, 2),
              let names = integer(Int(sections + namesIndex * entrySize) + 0x18, 8) else { return nil }
        for index in 0..<count {
            let header = Int(sections + index * entrySize)
            guard let name = integer(header, 4), let address = integer(header + 0x10, 8), let size = integer(header + 0x20, 8) else { return nil }
            let start = Int(names + name)
            if start + 6 <= elf.count, Array(elf[start..<(start + 6)]) == Array(".text\0".utf8) {
                return address..<(address + size)
            }
        }
        return nil
    }

    /// The address of the instruction the signal interrupted; nil where registers can't be read.
    private static func interruptedInstruction(_ context: UnsafeMutableRawPointer) -> UInt64? {
        #if os(Linux) && arch(x86_64)
        let machine = context.assumingMemoryBound(to: ucontext_t.self)
        return withUnsafeMutablePointer(to: &machine.pointee.uc_mcontext.gregs) { tuple in
            tuple.withMemoryRebound(to: UInt64.self, capacity: 23) { $0[16] }  // REG_RIP
        }
        #elseif os(Linux) && arch(arm64)
        return context.assumingMemoryBound(to: ucontext_t.self).pointee.uc_mcontext.pc
        #else
        return nil
        #endif
    }

    /// Makes the interrupted thread resume in a call to `target` (only where `interruptedInstruction` reads registers).
    private static func injectCall(to target: UInt64, in context: UnsafeMutableRawPointer) {
        #if os(Linux) && arch(x86_64)
        let machine = context.assumingMemoryBound(to: ucontext_t.self)
        withUnsafeMutablePointer(to: &machine.pointee.uc_mcontext.gregs) { tuple in
            tuple.withMemoryRebound(to: UInt64.self, capacity: 23) { registers in
                let (rsp, rip) = (15, 16)  // REG_RSP and REG_RIP of glibc's <sys/ucontext.h>
                // Below the red zone, 16-byte aligned, then the return address: the stack as a call leaves it.
                var stack = (registers[rsp] - 128) & ~15
                stack -= 8
                // One past the interrupted instruction: a backtracer looks up a return address less one.
                UnsafeMutablePointer<UInt64>(bitPattern: UInt(stack))!.pointee = registers[rip] + 1
                registers[rsp] = stack
                registers[rip] = target
            }
        }
        #elseif os(Linux) && arch(arm64)
        let machine = context.assumingMemoryBound(to: ucontext_t.self)
        withUnsafeMutablePointer(to: &machine.pointee.uc_mcontext.regs) { tuple in
            tuple.withMemoryRebound(to: UInt64.self, capacity: 31) { registers in
                registers[30] = machine.pointee.uc_mcontext.pc + 1  // the link register: "called" from there
                machine.pointee.uc_mcontext.pc = target
            }
        }
        #endif
    }
}
