# superopt::kernels: sort8 (network ships: human benchmark / find = 1.001 in p5 latency)
# made by: superopt network --n 8 --symbol superopt_sort8
# chosen by: bash scripts/find_kernels.sh 90 sort8 (superopt search --task sort8 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort8, then superopt bench --task sort8 found.s --seconds 20)
	.text
	.globl	superopt_sort8
	.type	superopt_sort8, @function
	.p2align 6
superopt_sort8:
	push	%rbx
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	mov 8(%rdi), %edx
	mov 12(%rdi), %esi
	mov 16(%rdi), %r8d
	mov 20(%rdi), %r9d
	mov 24(%rdi), %r10d
	mov 28(%rdi), %r11d
	mov %eax, %ebx
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %ebx, %edx
	mov %ecx, %ebx
	cmp %esi, %ecx
	cmovg %esi, %ecx
	cmovg %ebx, %esi
	mov %r8d, %ebx
	cmp %r10d, %r8d
	cmovg %r10d, %r8d
	cmovg %ebx, %r10d
	mov %r9d, %ebx
	cmp %r11d, %r9d
	cmovg %r11d, %r9d
	cmovg %ebx, %r11d
	mov %eax, %ebx
	cmp %r8d, %eax
	cmovg %r8d, %eax
	cmovg %ebx, %r8d
	mov %ecx, %ebx
	cmp %r9d, %ecx
	cmovg %r9d, %ecx
	cmovg %ebx, %r9d
	mov %edx, %ebx
	cmp %r10d, %edx
	cmovg %r10d, %edx
	cmovg %ebx, %r10d
	mov %esi, %ebx
	cmp %r11d, %esi
	cmovg %r11d, %esi
	cmovg %ebx, %r11d
	mov %eax, %ebx
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %ebx, %ecx
	mov %edx, %ebx
	cmp %esi, %edx
	cmovg %esi, %edx
	cmovg %ebx, %esi
	mov %r8d, %ebx
	cmp %r9d, %r8d
	cmovg %r9d, %r8d
	cmovg %ebx, %r9d
	mov %r10d, %ebx
	cmp %r11d, %r10d
	cmovg %r11d, %r10d
	cmovg %ebx, %r11d
	mov %edx, %ebx
	cmp %r8d, %edx
	cmovg %r8d, %edx
	cmovg %ebx, %r8d
	mov %esi, %ebx
	cmp %r9d, %esi
	cmovg %r9d, %esi
	cmovg %ebx, %r9d
	mov %ecx, %ebx
	cmp %r8d, %ecx
	cmovg %r8d, %ecx
	cmovg %ebx, %r8d
	mov %esi, %ebx
	cmp %r10d, %esi
	cmovg %r10d, %esi
	cmovg %ebx, %r10d
	mov %ecx, %ebx
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %ebx, %edx
	mov %esi, %ebx
	cmp %r8d, %esi
	cmovg %r8d, %esi
	cmovg %ebx, %r8d
	mov %r9d, %ebx
	cmp %r10d, %r9d
	cmovg %r10d, %r9d
	cmovg %ebx, %r10d
	mov %eax, (%rdi)
	mov %ecx, 4(%rdi)
	mov %edx, 8(%rdi)
	mov %esi, 12(%rdi)
	mov %r8d, 16(%rdi)
	mov %r9d, 20(%rdi)
	mov %r10d, 24(%rdi)
	mov %r11d, 28(%rdi)
	pop	%rbx
	ret
	.size	superopt_sort8, .-superopt_sort8
	.section	.note.GNU-stack,"",@progbits
