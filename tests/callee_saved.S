# A harness for the contract's callee-saved registers: uint64_t
# call_with_markers(void (*fn)(int32_t*), int32_t* buf) calls fn(buf) with rbx, rbp,
# r12..r15 holding markers and returns a bit per register that came back changed
# (rbx 1, rbp 2, r12 4, r13 8, r14 16, r15 32): 0 when the kernel kept them all.
# clobber_rbx is a kernel that breaks the contract, to show the harness sees it.
	.text
	.globl	call_with_markers
	.type	call_with_markers, @function
call_with_markers:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	sub	$8, %rsp
	mov	%rdi, %rax
	mov	%rsi, %rdi
	movabs	$0x1111111111111111, %rbx
	movabs	$0x2222222222222222, %rbp
	movabs	$0x3333333333333333, %r12
	movabs	$0x4444444444444444, %r13
	movabs	$0x5555555555555555, %r14
	movabs	$0x6666666666666666, %r15
	call	*%rax
	xor	%eax, %eax
	movabs	$0x1111111111111111, %rcx
	cmp	%rcx, %rbx
	je	1f
	or	$1, %eax
1:	movabs	$0x2222222222222222, %rcx
	cmp	%rcx, %rbp
	je	2f
	or	$2, %eax
2:	movabs	$0x3333333333333333, %rcx
	cmp	%rcx, %r12
	je	3f
	or	$4, %eax
3:	movabs	$0x4444444444444444, %rcx
	cmp	%rcx, %r13
	je	4f
	or	$8, %eax
4:	movabs	$0x5555555555555555, %rcx
	cmp	%rcx, %r14
	je	5f
	or	$16, %eax
5:	movabs	$0x6666666666666666, %rcx
	cmp	%rcx, %r15
	je	6f
	or	$32, %eax
6:	add	$8, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
	.size	call_with_markers, .-call_with_markers

	.globl	clobber_rbx
	.type	clobber_rbx, @function
clobber_rbx:
	mov	(%rdi), %ebx
	ret
	.size	clobber_rbx, .-clobber_rbx
	.section	.note.GNU-stack,"",@progbits
