# A harness that calls a kernel with chosen values in the registers and flags its
# caller leaves: void call_with_state(void (*fn)(int32_t*), int32_t* buf,
# const int64_t* regs, uint64_t rflags) loads the 14 registers superopt numbers
# (rax rcx rdx rsi r8 r9 r10 r11 rbx rbp r12 r13 r14 r15) from regs[0..13], the flags
# from rflags (popfq), then calls fn(buf). Nothing between popfq and the call
# changes the flags (mov and call do not).
	.text
	.globl	call_with_state
	.type	call_with_state, @function
call_with_state:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi			# fn at 16(%rsp) from here
	push	%rsi			# buf at 8(%rsp)
	sub	$8, %rsp		# the call's stack aligned to 16 bytes
	push	%rcx
	popfq
	mov	(%rdx), %rax
	mov	8(%rdx), %rcx
	mov	24(%rdx), %rsi
	mov	32(%rdx), %r8
	mov	40(%rdx), %r9
	mov	48(%rdx), %r10
	mov	56(%rdx), %r11
	mov	64(%rdx), %rbx
	mov	72(%rdx), %rbp
	mov	80(%rdx), %r12
	mov	88(%rdx), %r13
	mov	96(%rdx), %r14
	mov	104(%rdx), %r15
	mov	16(%rdx), %rdx
	mov	8(%rsp), %rdi
	call	*16(%rsp)
	add	$24, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
	.size	call_with_state, .-call_with_state
	.section	.note.GNU-stack,"",@progbits
