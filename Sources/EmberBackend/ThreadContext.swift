#if canImport(Glibc)
import Glibc
#endif

// MARK: - Thread context

// Note [Thread context fields]
// Only its own thread touches a context, so its fields need no
// dynamic exclusivity check; but `@exclusivity(unchecked)` on a stored property only holds
// within this module, and the other modules read these fields on every op (grad mode) and
// every node freed (teardown), where a `swift_beginAccess` costs more than the read. So the
// fields live in a struct behind a pointer, which Swift never checks, and the properties
// below are inlinable views of it.

/// Per-thread state: grad mode and the error-capture scope.
@usableFromInline package final class ThreadContext {
    /// The stored fields (see Note [Thread context fields]), documented on the properties below.
    @usableFromInline struct Fields {
        @usableFromInline var gradEnabled = true
        @usableFromInline var captureDepth = 0
        @usableFromInline var capturedError: TensorError?
        @usableFromInline var pendingReleases: [AnyObject] = []
        @usableFromInline var isTearingDown = false
        @usableFromInline var nextHookID = 0
    }

    @usableFromInline let fields: UnsafeMutablePointer<Fields>

    init() {
        fields = .allocate(capacity: 1)
        fields.initialize(to: Fields())
    }

    deinit {
        fields.deinitialize(count: 1)
        fields.deallocate()
    }

    /// Whether a capture scope is open on this thread and has already caught a failure.
    @inlinable package var hasCapturedFailure: Bool {
        fields.pointee.captureDepth > 0 && fields.pointee.capturedError != nil
    }

    /// Whether operations record autograd nodes (`torch.is_grad_enabled()`).
    @inlinable package var gradEnabled: Bool {
        get { fields.pointee.gradEnabled }
        set { fields.pointee.gradEnabled = newValue }
    }
    /// Nesting depth of `withErrorCapture` scopes.
    @inlinable package var captureDepth: Int {
        get { fields.pointee.captureDepth }
        set { fields.pointee.captureDepth = newValue }
    }
    /// The first failure captured in the innermost scope.
    @inlinable package var capturedError: TensorError? {
        get { fields.pointee.capturedError }
        set { fields.pointee.capturedError = newValue }
    }
    /// Objects waiting to be released by the iterative graph teardown.
    @inlinable package var pendingReleases: [AnyObject] {
        get { fields.pointee.pendingReleases }
        _modify { yield &fields.pointee.pendingReleases }
    }
    /// Whether this thread is draining `pendingReleases`.
    @inlinable package var isTearingDown: Bool {
        get { fields.pointee.isTearingDown }
        set { fields.pointee.isTearingDown = newValue }
    }
    /// Counter for hook handles.
    @inlinable package var nextHookID: Int {
        get { fields.pointee.nextHookID }
        set { fields.pointee.nextHookID = newValue }
    }

    @usableFromInline static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<ThreadContext>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// The calling thread's context.
    @inlinable @inline(__always)
    package static var current: ThreadContext {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<ThreadContext>.fromOpaque(pointer).takeUnretainedValue()
        }
        return makeCurrent()
    }

    @usableFromInline @inline(never)
    static func makeCurrent() -> ThreadContext {
        let context = ThreadContext()
        pthread_setspecific(key, Unmanaged.passRetained(context).toOpaque())
        return context
    }
}
